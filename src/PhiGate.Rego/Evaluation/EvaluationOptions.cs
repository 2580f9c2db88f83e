namespace PhiGate.Rego.Evaluation;

/// <summary>Limits and switches for one evaluation.</summary>
public sealed class EvaluationOptions
{
    /// <summary>Gets the default options.</summary>
    public static EvaluationOptions Default { get; } = new();

    /// <summary>Gets or sets the maximum evaluation steps (expressions evaluated). Default: 10,000,000.</summary>
    public long MaxSteps { get; init; } = 10_000_000;

    /// <summary>Gets or sets the maximum nesting of rule and function evaluation. Default: 2,000.</summary>
    public int MaxDepth { get; init; } = 2_000;

    /// <summary>Gets or sets the wall-clock limit per query. Default: 5 seconds.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets or sets whether builtin errors halt evaluation (OPA's strict-builtin-errors). Default: false.</summary>
    public bool StrictBuiltinErrors { get; init; }

    /// <summary>Gets or sets the sink for <c>print</c> output. Default: none (print is a no-op).</summary>
    public Action<string>? Print { get; init; }
}
