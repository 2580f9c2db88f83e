using PhiGate.Rego.Diagnostics;
using PhiGate.Rego.Values;

namespace PhiGate.Rego.Ast;

/// <summary>A Rego term: a value, variable, reference, call, collection, comprehension or template string.</summary>
internal abstract class Term
{
    protected Term(Location location)
    {
        Location = location;
    }

    public Location Location { get; }
}

/// <summary>A ground value known at compile time (scalars, and ground collections after folding).</summary>
internal sealed class ValueTerm(Value value, Location location) : Term(location)
{
    public Value Value { get; } = value;

    public override string ToString() => Value.ToString();
}

/// <summary>A variable; the compiler assigns <see cref="Slot"/> (its index in the evaluation frame).</summary>
internal sealed class VarTerm(string name, Location location) : Term(location)
{
    public const int DataRoot = -2;
    public const int InputRoot = -3;

    public string Name { get; set; } = name;

    public int Slot { get; set; } = -1;

    public bool IsWildcard => Name.StartsWith('_') && (Name == "_" || Name.StartsWith("$_", StringComparison.Ordinal));

    public override string ToString() => Name;
}

/// <summary>A reference <c>head.a[b]...</c>; path items are terms (string values for dotted names).</summary>
internal sealed class RefTerm(Term head, Term[] path, Location location) : Term(location)
{
    public Term Head { get; set; } = head;

    public Term[] Path { get; set; } = path;

    public override string ToString() => Head + string.Concat(Path.Select(p => p is ValueTerm { Value: StringValue s } ? "." + s.Value : "[" + p + "]"));
}

internal sealed class ArrayTerm(Term[] items, Location location) : Term(location)
{
    public Term[] Items { get; set; } = items;
}

internal sealed class SetTerm(Term[] items, Location location) : Term(location)
{
    public Term[] Items { get; set; } = items;
}

internal sealed class ObjectTerm((Term Key, Term Value)[] entries, Location location) : Term(location)
{
    public (Term Key, Term Value)[] Entries { get; set; } = entries;
}

internal enum ComprehensionKind
{
    Array,
    Set,
    Object,
}

internal sealed class ComprehensionTerm(ComprehensionKind kind, Term head, Term? valueHead, List<Expr> body, Location location) : Term(location)
{
    public ComprehensionKind Kind { get; } = kind;

    public Term Head { get; set; } = head;

    public Term? ValueHead { get; set; } = valueHead;

    public List<Expr> Body { get; set; } = body;

    /// <summary>Gets or sets the outer slots the comprehension reads (they must be bound before it runs).</summary>
    public int[] Closure { get; set; } = [];
}

/// <summary>A call <c>f(a, b)</c>; the compiler resolves <see cref="Target"/>.</summary>
internal sealed class CallTerm(string[] name, Term[] args, Location location) : Term(location)
{
    /// <summary>Gets the operator as written (<c>["count"]</c>, <c>["data","pkg","f"]</c>, <c>["plus"]</c> for <c>+</c>).</summary>
    public string[] Name { get; set; } = name;

    public Term[] Args { get; set; } = args;

    /// <summary>Gets or sets the resolved callee: a builtin or a user function.</summary>
    public CallTarget? Target { get; set; }

    public string DisplayName => string.Join('.', Name);
}

/// <summary>A template string <c>$"a {x} b"</c>: literal parts and expression parts.</summary>
internal sealed class TemplateTerm(List<TemplatePart> parts, Location location) : Term(location)
{
    public List<TemplatePart> Parts { get; } = parts;
}

internal sealed class TemplatePart
{
    public string? Literal { get; init; }

    public Expr? Expr { get; set; }

    /// <summary>Gets or sets the compiled query for the expression part: a comprehension collecting its values.</summary>
    public ComprehensionTerm? Compiled { get; set; }
}
