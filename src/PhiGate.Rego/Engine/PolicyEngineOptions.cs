using PhiGate.Rego.Evaluation;

namespace PhiGate.Rego;

/// <summary>Settings for a <see cref="PolicyEngine"/>.</summary>
public sealed class PolicyEngineOptions
{
    /// <summary>Gets or sets the clock for <c>time.now_ns</c>. Default: <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Gets or sets the default evaluation limits. Default: <see cref="EvaluationOptions.Default"/>.</summary>
    public EvaluationOptions Evaluation { get; init; } = EvaluationOptions.Default;
}
