using Microsoft.Extensions.Logging;
using PhiGate.Authz.Tokens;

namespace PhiGate.Authz.Decisions;

/// <summary>Decision events (EventIds 2300-2399): reasons, codes and hashes only — never claims, headers or bodies.</summary>
internal static partial class DecisionsLog
{
    [LoggerMessage(EventId = 2300, EventName = "CheckAllowed", Level = LogLevel.Debug,
        Message = "Check allowed (profile {RedactionProfile})")]
    public static partial void Allowed(ILogger logger, string redactionProfile);

    [LoggerMessage(EventId = 2301, EventName = "CheckDenied", Level = LogLevel.Information,
        Message = "Check denied: {Reason} (token {TokenFailure}), HTTP {HttpStatus}")]
    public static partial void Denied(ILogger logger, DecisionReason reason, TokenFailure tokenFailure, int httpStatus);

    [LoggerMessage(EventId = 2302, EventName = "DryRunWouldDeny", Level = LogLevel.Warning,
        Message = "Dry run: request allowed that would be denied: {Reason} (token {TokenFailure})")]
    public static partial void DryRunWouldDeny(ILogger logger, DecisionReason reason, TokenFailure tokenFailure);

    [LoggerMessage(EventId = 2303, EventName = "PolicyEvaluationFailed", Level = LogLevel.Warning,
        Message = "Policy evaluation failed: {ErrorCode} at {File}:{Line}")]
    public static partial void PolicyFailed(ILogger logger, string errorCode, string file, int line);

    [LoggerMessage(EventId = 2304, EventName = "PolicyLoaded", Level = LogLevel.Information,
        Message = "Loaded {ModuleCount} policy modules; decision {DecisionPath}")]
    public static partial void PolicyLoaded(ILogger logger, int moduleCount, string decisionPath);

    [LoggerMessage(EventId = 2305, EventName = "NoPolicyConfigured", Level = LogLevel.Warning,
        Message = "No policy configured (authz.policy_dirs is empty): every request is denied")]
    public static partial void NoPolicy(ILogger logger);

    [LoggerMessage(EventId = 2306, EventName = "CheckFailed", Level = LogLevel.Error,
        Message = "Check failed unexpectedly; request denied")]
    public static partial void CheckFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2307, EventName = "AuditUnavailable", Level = LogLevel.Error,
        Message = "Audit trail did not accept the decision event; request denied with 503")]
    public static partial void AuditUnavailable(ILogger logger);
}
