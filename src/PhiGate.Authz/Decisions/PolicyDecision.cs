using PhiGate.Rego.Values;

namespace PhiGate.Authz.Decisions;

/// <summary>Why a decision denied (or that it allowed); stable snake_case codes for logs, metrics and audit.</summary>
public enum DecisionReason
{
    Allowed = 0,
    PolicyDenied,
    NoPolicy,
    Undefined,
    MalformedDecision,
    PolicyError,
    Timeout,
    InputError,
    TokenMissing,
    TokenInvalid,
    InvalidRequest,
    DependencyUnavailable,
    InternalError,
}

/// <summary>A policy result read as opa-envoy-plugin reads it: a boolean, or an object with <c>allowed</c> and optional mutations.</summary>
internal sealed class PolicyDecision
{
    public required bool Allowed { get; init; }

    public required DecisionReason Reason { get; init; }

    /// <summary>Status for a deny (<c>http_status</c>); null means the default 403.</summary>
    public int? HttpStatus { get; init; }

    /// <summary>Body for a deny (<c>body</c>); null means PhiGate's short JSON error.</summary>
    public string? Body { get; init; }

    /// <summary><c>headers</c>: added to the upstream request on allow, to the local reply on deny.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    public IReadOnlyList<KeyValuePair<string, string>> ResponseHeadersToAdd { get; init; } = [];

    public IReadOnlyList<string> RequestHeadersToRemove { get; init; } = [];

    public IReadOnlyList<KeyValuePair<string, string>> QueryParametersToSet { get; init; } = [];

    public IReadOnlyList<string> QueryParametersToRemove { get; init; } = [];

    /// <summary><c>dynamic_metadata</c> as returned by the policy (an object), or null.</summary>
    public ObjectValue? DynamicMetadata { get; init; }

    public static PolicyDecision Deny(DecisionReason reason) => new() { Allowed = false, Reason = reason };
}
