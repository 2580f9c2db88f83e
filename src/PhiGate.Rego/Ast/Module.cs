using PhiGate.Rego.Diagnostics;

namespace PhiGate.Rego.Ast;

internal sealed class Module(string file, string source)
{
    public string File { get; } = file;

    public string Source { get; } = source;

    /// <summary>Gets or sets the package path without <c>data</c>.</summary>
    public string[] Package { get; set; } = [];

    public Location PackageLocation { get; set; }

    public List<Import> Imports { get; } = [];

    public List<Rule> Rules { get; } = [];

    public List<Annotation> Annotations { get; } = [];
}

/// <summary><c>import data.a.b as c</c>; <see cref="Path"/> starts with <c>data</c> or <c>input</c>.</summary>
internal sealed class Import(Term path, string? alias, Location location)
{
    public Term Path { get; } = path;

    public string? Alias { get; } = alias;

    public Location Location { get; } = location;
}

/// <summary>A resolved call target.</summary>
internal sealed class CallTarget
{
    public Builtins.BuiltinDefinition? Builtin { get; init; }

    /// <summary>Gets the user function's node when the target is a function rule.</summary>
    public Compilation.RuleNode? Function { get; init; }

    public int Arity { get; init; }
}
