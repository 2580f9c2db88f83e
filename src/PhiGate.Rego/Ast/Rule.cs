using PhiGate.Rego.Diagnostics;

namespace PhiGate.Rego.Ast;

internal enum RuleKind
{
    /// <summary><c>p := v</c> (or <c>p.q.r := v</c>): one value per path.</summary>
    Complete,

    /// <summary><c>p contains x</c> (or <c>p[a].b contains x</c>).</summary>
    PartialSet,

    /// <summary><c>p[k] := v</c>, <c>p.q[k].r := v</c>: a head ref with variables, building an object.</summary>
    PartialObject,

    /// <summary><c>f(x) := v</c>.</summary>
    Function,
}

/// <summary>A rule (or one link of an <c>else</c> chain).</summary>
internal sealed class Rule(Location location)
{
    public Location Location { get; } = location;

    public Module? Module { get; set; }

    public RuleKind Kind { get; set; }

    /// <summary>Gets or sets the head reference: first a string name, then the remaining path terms.</summary>
    public List<Term> Head { get; set; } = [];

    public List<Term>? Args { get; set; }

    /// <summary>Gets or sets the element of a partial set rule.</summary>
    public Term? Key { get; set; }

    public Term? Value { get; set; }

    public bool IsDefault { get; set; }

    public bool IsAssign { get; set; }

    public List<Expr> Body { get; set; } = [];

    public Rule? Else { get; set; }

    /// <summary>Gets or sets the absolute path of the ground prefix of the head (<c>["pkg","p"]</c>, without <c>data</c>).</summary>
    public string[] Path { get; set; } = [];

    /// <summary>Gets or sets the head terms after the ground prefix (variables or non-string keys).</summary>
    public Term[] Suffix { get; set; } = [];

    /// <summary>Gets or sets the number of variable slots the compiled rule needs.</summary>
    public int SlotCount { get; set; }

    public List<Annotation> Annotations { get; } = [];

    public string PathText => string.Join('.', Path);
}

internal sealed class Annotation
{
    public required string Scope { get; init; }

    public required string Text { get; init; }

    public required Location Location { get; init; }
}
