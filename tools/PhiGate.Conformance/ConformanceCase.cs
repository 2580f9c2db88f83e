using PhiGate.Rego.Values;

namespace PhiGate.Conformance;

/// <summary>One OPA conformance case (fields as in OPA's <c>cases.TestCase</c>).</summary>
internal sealed class ConformanceCase
{
    public required string Note { get; init; }

    public required string File { get; init; }

    public string Query { get; init; } = string.Empty;

    public List<string> Modules { get; init; } = [];

    public Value? Data { get; init; }

    public Value? Input { get; init; }

    public string? InputTerm { get; init; }

    public List<Value>? WantResult { get; init; }

    public string? WantError { get; init; }

    public string? WantErrorCode { get; init; }

    public bool StrictError { get; init; }

    public bool SortBindings { get; init; }

    public bool IgnoreGeneratedVars { get; init; }
}
