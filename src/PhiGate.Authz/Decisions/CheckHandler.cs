using Envoy.Service.Auth.V3;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Logging;
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
/// 5. in dry-run mode, log what would have been denied and allow.
/// </remarks>
internal sealed class CheckHandler(
    CallerAuthenticator authenticator,
    PolicyInputBuilder inputs,
    PolicyEvaluator evaluator,
    AuthzSettings settings,
    ILogger<CheckHandler> logger)
{
    public async ValueTask<CheckResponse> HandleAsync(CheckRequest request, string requestId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var attributes = request.Attributes;
        var http = attributes?.Request?.Http;
        if (attributes is null || http is null)
        {
            return Refused(DecisionReason.InputError, TokenFailure.None, requestId);
        }

        var caller = new CallerRequest(http.Headers, attributes.Source?.Principal, attributes.Source?.Certificate, attributes.ContextExtensions);
        var authentication = await authenticator.AuthenticateAsync(caller, cancellationToken).ConfigureAwait(false);
        if (authentication.Failure is not (TokenFailure.None or TokenFailure.Missing or TokenFailure.NotValidated))
        {
            AuthzMetrics.TokenFailure(authentication.Failure);
            return Refused(RefusalFor(authentication.Failure), authentication.Failure, requestId);
        }

        var input = inputs.Build(request, authentication);
        if (input is null)
        {
            return Refused(DecisionReason.InputError, authentication.Failure, requestId);
        }

        var decision = evaluator.Evaluate(input, cancellationToken, out var error);
        if (error is not null)
        {
            DecisionsLog.PolicyFailed(logger, error.Code, error.Location.File ?? "-", error.Location.Line);
        }

        if (cancellationToken.IsCancellationRequested)
        {
            // Envoy has given up on this call; whatever was decided, do not answer allow.
            return Refused(DecisionReason.Timeout, authentication.Failure, requestId);
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

            return CheckResponses.Allow(decision, metadata);
        }

        // Without credentials a policy deny becomes RFC 6750's challenge; "no policy" stays a plain 403.
        if (authentication.Failure == TokenFailure.Missing && decision.Reason is DecisionReason.PolicyDenied or DecisionReason.Undefined
            && decision.HttpStatus is null && decision.Body is null)
        {
            return Refused(DecisionReason.TokenMissing, TokenFailure.Missing, requestId, metadata);
        }

        return Denied(decision, authentication.Failure, requestId, metadata);
    }

    private static DecisionReason RefusalFor(TokenFailure failure) => failure switch
    {
        TokenFailure.InvalidRequest => DecisionReason.InvalidRequest,
        TokenFailure.KeysUnavailable or TokenFailure.ReplayStoreUnavailable => DecisionReason.DependencyUnavailable,
        _ => DecisionReason.TokenInvalid,
    };

    private CheckResponse Denied(PolicyDecision decision, TokenFailure tokenFailure, string requestId, Struct metadata)
    {
        if (settings.DryRun)
        {
            return DryRunAllow(decision.Reason, tokenFailure, metadata);
        }

        AuthzMetrics.Decision("deny", decision.Reason);
        DecisionsLog.Denied(logger, decision.Reason, tokenFailure, decision.HttpStatus ?? 403);
        return CheckResponses.Deny(decision, requestId, metadata);
    }

    private CheckResponse Refused(DecisionReason reason, TokenFailure tokenFailure, string requestId, Struct? metadata = null)
    {
        metadata ??= RedactionMetadata.Build(null, settings.DefaultRedactionProfile);
        if (settings.DryRun)
        {
            return DryRunAllow(reason, tokenFailure, metadata);
        }

        var response = CheckResponses.Refuse(reason, settings.Realm, requestId, metadata);
        var status = (int)response.DeniedResponse.Status.Code;
        AuthzMetrics.Decision("deny", reason);
        DecisionsLog.Denied(logger, reason, tokenFailure, status);
        return response;
    }

    private CheckResponse DryRunAllow(DecisionReason reason, TokenFailure tokenFailure, Struct metadata)
    {
        AuthzMetrics.Decision("dry_run_allow", reason);
        DecisionsLog.DryRunWouldDeny(logger, reason, tokenFailure);
        return CheckResponses.Allow(new PolicyDecision { Allowed = true, Reason = DecisionReason.Allowed }, metadata);
    }
}
