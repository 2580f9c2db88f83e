using Prometheus;

namespace PhiGate.Authz.Decisions;

/// <summary>Decision counters; labels are enum codes only.</summary>
internal static class AuthzMetrics
{
    private static readonly Counter Decisions = Metrics.CreateCounter(
        "phigate_authz_decisions_total",
        "ext_authz decisions by outcome (allow, deny, dry_run_allow) and reason.",
        new CounterConfiguration { LabelNames = ["outcome", "reason"] });

    private static readonly Counter TokenFailures = Metrics.CreateCounter(
        "phigate_authz_token_failures_total",
        "Refused caller tokens by failure code.",
        new CounterConfiguration { LabelNames = ["failure"] });

    private static readonly Counter SignatureChecks = Metrics.CreateCounter(
        "phigate_authz_token_signature_checks_total",
        "Token signatures verified cryptographically; a token served from the validated-token cache adds nothing.");

    public static void SignatureChecked() => SignatureChecks.Inc();

    public static void Decision(string outcome, DecisionReason reason) => Decisions.WithLabels(outcome, ReasonCode(reason)).Inc();

    public static void TokenFailure(Tokens.TokenFailure failure) => TokenFailures.WithLabels(Tokens.TokenFailureCodes.ToCode(failure)).Inc();

    public static string ReasonCode(DecisionReason reason) => reason switch
    {
        DecisionReason.Allowed => "allowed",
        DecisionReason.PolicyDenied => "policy_denied",
        DecisionReason.NoPolicy => "no_policy",
        DecisionReason.Undefined => "undefined",
        DecisionReason.MalformedDecision => "malformed_decision",
        DecisionReason.PolicyError => "policy_error",
        DecisionReason.Timeout => "timeout",
        DecisionReason.InputError => "input_error",
        DecisionReason.TokenMissing => "token_missing",
        DecisionReason.TokenInvalid => "token_invalid",
        DecisionReason.InvalidRequest => "invalid_request",
        DecisionReason.DependencyUnavailable => "dependency_unavailable",
        _ => "internal_error",
    };
}
