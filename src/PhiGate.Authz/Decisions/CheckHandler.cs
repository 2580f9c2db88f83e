using Envoy.Service.Auth.V3;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Logging;
using PhiGate.Audit;
using PhiGate.Authz.PolicyInput;
using PhiGate.Authz.Responses;
using PhiGate.Authz.Tokens;

namespace PhiGate.Authz.Decisions;

/// <summary>
/// Decides one Check. Fail closed: every path that is not a clean allow denies.
/// </summary>
/// <remarks>
/// 1. authenticate the caller (<see cref="CallerAuthenticator"/>): a present but invalid token is refused here
///    (401, or 400 / 503) and never reaches the policy;
/// 2. build the opa-envoy-plugin input plus <c>identity</c> (<see cref="PolicyInputBuilder"/>); a request that
///    cannot be mapped is denied;
/// 3. evaluate the decision rule (<see cref="PolicyEvaluator"/>) within its budget;
/// 4. answer: allow with the policy's mutations, or deny (401 with a challenge when no token was sent and the
///    policy gave no status of its own); <c>dynamic_metadata.phigate.redaction_profile</c> is always set;
/// 5. in dry-run mode, log what would have been denied and allow;
/// 6. record a hash-only audit event when the audit trail is configured; an allow that cannot be recorded
///    becomes a 503.
/// </remarks>
internal sealed class CheckHandler(
    CallerAuthenticator authenticator,
    PolicyInputBuilder inputs,
    PolicyEvaluator evaluator,
    AuthzSettings settings,
    ILogger<CheckHandler> logger,
    IAuditTrail? audit = null)
{
    public async ValueTask<CheckResponse> HandleAsync(CheckRequest request, string requestId, CancellationToken cancellationToken) =>
        await HandleAsync(request, requestId, null, cancellationToken).ConfigureAwait(false);

    public async ValueTask<CheckResponse> HandleAsync(CheckRequest request, string requestId, string? traceId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var outcome = await DecideAsync(request, requestId, cancellationToken).ConfigureAwait(false);
        if (audit is not { IsEnabled: true })
        {
            return outcome.Response;
        }

        var allowed = outcome.Response.Status is null || outcome.Response.Status.Code == 0;
        var status = allowed ? 200 : (int)(outcome.Response.DeniedResponse?.Status?.Code ?? global::Envoy.Type.V3.StatusCode.Forbidden);
        var auditEvent = DecisionAudit.Create(audit, request, outcome.Authentication, allowed, outcome.ReasonCode, status, requestId, traceId);
        if (await audit.AppendAsync(auditEvent, cancellationToken).ConfigureAwait(false) || !allowed)
        {
            return outcome.Response;
        }

        // The trail could not take the event: no unaudited access to PHI.
        AuthzMetrics.Decision("deny", DecisionReason.DependencyUnavailable);
        DecisionsLog.AuditUnavailable(logger);
        return CheckResponses.Refuse(DecisionReason.DependencyUnavailable, settings.Realm, requestId, outcome.Response.DynamicMetadata);
    }

    private async ValueTask<Outcome> DecideAsync(CheckRequest request, string requestId, CancellationToken cancellationToken)
    {
        var attributes = request.Attributes;
        var http = attributes?.Request?.Http;
        if (attributes is null || http is null)
        {
            return Refused(DecisionReason.InputError, null, requestId);
        }

        var caller = new CallerRequest(http.Headers, attributes.Source?.Principal, attributes.Source?.Certificate, attributes.ContextExtensions);
        var authentication = await authenticator.AuthenticateAsync(caller, cancellationToken).ConfigureAwait(false);
        if (authentication.Failure is not (TokenFailure.None or TokenFailure.Missing or TokenFailure.NotValidated))
        {
            AuthzMetrics.TokenFailure(authentication.Failure);
            return Refused(RefusalFor(authentication.Failure), authentication, requestId);
        }

        var input = inputs.Build(request, authentication);
        if (input is null)
        {
            return Refused(DecisionReason.InputError, authentication, requestId);
        }

        var decision = evaluator.Evaluate(input, cancellationToken, out var error);
        if (error is not null)
        {
            DecisionsLog.PolicyFailed(logger, error.Code, error.Location.File ?? "-", error.Location.Line);
        }

        if (cancellationToken.IsCancellationRequested)
        {
            // Envoy has given up on this call; whatever was decided, do not answer allow.
            return Refused(DecisionReason.Timeout, authentication, requestId);
        }

        var metadata = RedactionMetadata.Build(decision.DynamicMetadata, settings.DefaultRedactionProfile);
        if (decision.Allowed)
        {
            AuthzMetrics.Decision("allow", DecisionReason.Allowed);
            if (logger.IsEnabled(LogLevel.Debug))
            {
                var profile = RedactionMetadata.ProfileOf(metadata);
                DecisionsLog.Allowed(logger, profile);
            }

            return new Outcome(CheckResponses.Allow(decision, metadata), authentication, "policy_allow");
        }

        // Without credentials a policy deny becomes RFC 6750's challenge; "no policy" stays a plain 403.
        if (authentication.Failure == TokenFailure.Missing && decision.Reason is DecisionReason.PolicyDenied or DecisionReason.Undefined
            && decision.HttpStatus is null && decision.Body is null)
        {
            return Refused(DecisionReason.TokenMissing, authentication, requestId, metadata);
        }

        return Denied(decision, authentication, requestId, metadata);
    }

    private static DecisionReason RefusalFor(TokenFailure failure) => failure switch
    {
        TokenFailure.InvalidRequest => DecisionReason.InvalidRequest,
        TokenFailure.KeysUnavailable or TokenFailure.ReplayStoreUnavailable => DecisionReason.DependencyUnavailable,
        _ => DecisionReason.TokenInvalid,
    };

    /// <summary><c>token_expired</c>, <c>token_replayed</c>, ... for token refusals; the decision reason otherwise.</summary>
    private static string ReasonCode(DecisionReason reason, CallerAuthentication? authentication) =>
        reason is DecisionReason.TokenInvalid or DecisionReason.InvalidRequest or DecisionReason.DependencyUnavailable
            && authentication is { Failure: not (TokenFailure.None or TokenFailure.Missing or TokenFailure.NotValidated) }
            ? "token_" + authentication.Failure.ToCode()
            : AuthzMetrics.ReasonCode(reason);

    private Outcome Denied(PolicyDecision decision, CallerAuthentication authentication, string requestId, Struct metadata)
    {
        if (settings.DryRun)
        {
            return DryRunAllow(decision.Reason, authentication, metadata);
        }

        var reasonCode = AuthzMetrics.ReasonCode(decision.Reason);
        AuthzMetrics.Decision("deny", decision.Reason);
        AuthzLog.Denied(logger, decision.HttpStatus ?? 403, reasonCode);
        return new Outcome(CheckResponses.Deny(decision, requestId, metadata), authentication, reasonCode);
    }

    private Outcome Refused(DecisionReason reason, CallerAuthentication? authentication, string requestId, Struct? metadata = null)
    {
        metadata ??= RedactionMetadata.Build(null, settings.DefaultRedactionProfile);
        if (settings.DryRun)
        {
            return DryRunAllow(reason, authentication, metadata);
        }

        var response = CheckResponses.Refuse(reason, settings.Realm, requestId, metadata);
        var status = (int)response.DeniedResponse.Status.Code;
        var reasonCode = ReasonCode(reason, authentication);
        AuthzMetrics.Decision("deny", reason);
        AuthzLog.Denied(logger, status, reasonCode);
        return new Outcome(response, authentication, reasonCode);
    }

    private Outcome DryRunAllow(DecisionReason reason, CallerAuthentication? authentication, Struct metadata)
    {
        var tokenFailure = authentication?.Failure ?? TokenFailure.None;
        AuthzMetrics.Decision("dry_run_allow", reason);
        DecisionsLog.DryRunWouldDeny(logger, reason, tokenFailure);
        var response = CheckResponses.Allow(new PolicyDecision { Allowed = true, Reason = DecisionReason.Allowed }, metadata);
        return new Outcome(response, authentication, "dry_run_" + ReasonCode(reason, authentication));
    }

    private sealed record Outcome(CheckResponse Response, CallerAuthentication? Authentication, string ReasonCode);
}
