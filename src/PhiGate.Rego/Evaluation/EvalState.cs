using PhiGate.Rego.Ast;
using PhiGate.Rego.Values;

namespace PhiGate.Rego.Evaluation;

/// <summary>The parts of evaluation that <c>with</c> replaces: input, data overrides, function mocks and the rule cache.</summary>
internal sealed class EvalState
{
    public Value? Input { get; set; }

    public List<(Value[] Path, Value Value)>? DataOverrides { get; set; }

    public Dictionary<string, Mock>? Mocks { get; set; }

    /// <summary>Gets or sets rule values by node id (allocated on first use).</summary>
    public Value?[]? CacheValues { get; set; }

    /// <summary>Gets or sets per node: 0 not evaluated, 1 in progress, 2 done.</summary>
    public byte[]? CacheStates { get; set; }

    public EvalState Clone() => new()
    {
        Input = Input,
        DataOverrides = DataOverrides is null ? null : [.. DataOverrides],
        Mocks = Mocks is null ? null : new Dictionary<string, Mock>(Mocks, StringComparer.Ordinal),
    };
}

/// <summary>A replacement installed by <c>with f as g</c>: another function, or a constant value.</summary>
internal sealed class Mock
{
    public CallTarget? Function { get; init; }

    public Value? Value { get; init; }
}
