using PhiGate.Rego.Diagnostics;

namespace PhiGate.Rego.Ast;

internal enum ExprKind
{
    /// <summary>A single term (a call, a ref, a value); true unless false or undefined.</summary>
    Term,

    /// <summary><c>a = b</c>.</summary>
    Unify,

    /// <summary><c>a := b</c>.</summary>
    Assign,

    /// <summary><c>some a, b</c>.</summary>
    SomeDecl,

    /// <summary><c>some [k,] v in xs</c>.</summary>
    SomeIn,

    /// <summary><c>every [k,] v in xs { body }</c>.</summary>
    Every,

    /// <summary>An explicit body <c>{ a; b }</c> used as an expression: true once if the body has a solution.</summary>
    Group,

    /// <summary><c>a and b</c>: true once if every operand body has a solution.</summary>
    And,

    /// <summary><c>a or b</c>: true once if any operand body has a solution.</summary>
    Or,
}

/// <summary>One expression of a body, with optional negation and <c>with</c> modifiers.</summary>
internal sealed class Expr(ExprKind kind, Location location)
{
    public ExprKind Kind { get; set; } = kind;

    public Location Location { get; } = location;

    public bool Negated { get; set; }

    /// <summary>Gets or sets the term (Term kind), left side (Unify/Assign) or value variable (SomeIn/Every).</summary>
    public Term? Left { get; set; }

    /// <summary>Gets or sets the right side (Unify/Assign) or the collection (SomeIn/Every).</summary>
    public Term? Right { get; set; }

    /// <summary>Gets or sets the key variable of <c>some k, v in</c> and <c>every k, v in</c>.</summary>
    public Term? Key { get; set; }

    /// <summary>Gets or sets the declared variables of <c>some a, b</c>.</summary>
    public List<VarTerm>? SomeVars { get; set; }

    /// <summary>Gets or sets the body of <c>every</c>.</summary>
    public List<Expr>? Body { get; set; }

    public List<WithModifier>? With { get; set; }

    /// <summary>Gets or sets the operand bodies of Group, And and Or expressions (each its own scope).</summary>
    public List<List<Expr>>? Operands { get; set; }

    /// <summary>Gets or sets the outer slots an <c>every</c> body reads.</summary>
    public int[] Closure { get; set; } = [];
}

/// <summary><c>with target as value</c>.</summary>
internal sealed class WithModifier(Term target, Term value, Location location)
{
    public Term Target { get; set; } = target;

    public Term Value { get; set; } = value;

    public Location Location { get; } = location;

    public WithTargetKind Kind { get; set; }

    /// <summary>Gets or sets the path below <c>input</c> or <c>data</c> (ground keys).</summary>
    public Values.Value[] Path { get; set; } = [];

    /// <summary>Gets or sets the replaced builtin's name or the replaced function's data path text.</summary>
    public string? FunctionName { get; set; }

    /// <summary>Gets or sets the replacement function when the value names one.</summary>
    public CallTarget? Replacement { get; set; }
}

internal enum WithTargetKind
{
    Input,
    Data,
    Builtin,
    Function,
}
