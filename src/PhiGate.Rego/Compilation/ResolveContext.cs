namespace PhiGate.Rego.Compilation;

/// <summary>Names visible in one module: its package, the rule names of that package, and import aliases.</summary>
internal sealed class ResolveContext(Ast.Module? module, string[] package, HashSet<string> packageNames)
{
    public Ast.Module? Module { get; } = module;

    public string[] Package { get; } = package;

    public HashSet<string> PackageNames { get; } = packageNames;

    /// <summary>Gets import aliases: alias to root (<c>data</c>/<c>input</c>) followed by the path.</summary>
    public Dictionary<string, string[]> Imports { get; } = new(StringComparer.Ordinal);

    public bool IsGlobal(string name) =>
        name is "data" or "input" || Imports.ContainsKey(name) || PackageNames.Contains(name);
}
