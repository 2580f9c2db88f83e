using PhiGate.Rego;
using PhiGate.Rego.Diagnostics;
using PhiGate.Rego.Evaluation;
using PhiGate.Rego.Values;

namespace PhiGate.Authz.Decisions;

/// <summary>
/// Evaluates the decision rule with a time budget. Allow only on a clean, well-formed allow; no policy,
/// undefined, an error, a timeout or a cancellation each deny with their own reason.
/// </summary>
internal sealed class PolicyEvaluator(PolicyEngine? engine, string rulePath, EvaluationOptions evaluation)
{
    public bool HasPolicy => engine is not null;

    public PolicyDecision Evaluate(ObjectValue input, CancellationToken cancellationToken, out RegoError? error)
    {
        ArgumentNullException.ThrowIfNull(input);
        error = null;
        if (engine is null)
        {
            return PolicyDecision.Deny(DecisionReason.NoPolicy);
        }

        var result = engine.EvaluateRule(rulePath, input, evaluation, cancellationToken);
        if (result.Error is { } failure)
        {
            error = failure;
            return PolicyDecision.Deny(failure.Code is ErrorCodes.EvalBudget or ErrorCodes.EvalCancel ? DecisionReason.Timeout : DecisionReason.PolicyError);
        }

        return result.Value is { } value ? DecisionReader.Read(value) : PolicyDecision.Deny(DecisionReason.Undefined);
    }
}
