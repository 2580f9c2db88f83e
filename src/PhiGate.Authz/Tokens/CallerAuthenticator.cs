using Microsoft.Extensions.Logging;
using PhiGate.Authz.Certificates;
using PhiGate.Authz.Replay;

namespace PhiGate.Authz.Tokens;

/// <summary>
/// Authenticates the caller of one Check.
/// </summary>
/// <remarks>
/// 1. read the client certificate facts and the caller identity (thumbprint, else principal);
/// 2. read the bearer token (RFC 6750) from the configured header;
/// 3. validate the token (<see cref="TokenValidator"/>; cached by token hash);
/// 4. certificate binding (RFC 8705 <c>cnf.x5t#S256</c>);
/// 5. replay (<c>jti</c>) in the issuer's mode, or <c>once</c> when the route's
///    <c>context_extensions</c> ask for it (<see cref="ReplayRouteKey"/>).
/// </remarks>
internal sealed class CallerAuthenticator(
    BearerTokenReader reader,
    TokenValidator validator,
    ReplayGuard replay,
    ClientCertificateReader certificates,
    ILogger logger)
{
    /// <summary>Context extension a route sets to <c>once</c> to make its tokens single-use.</summary>
    public const string ReplayRouteKey = "phigate.replay";

    public async ValueTask<CallerAuthentication> AuthenticateAsync(CallerRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var certificate = certificates.Read(request.SourceCertificate);
        var caller = certificate is null
            ? CallerIdentity.From(null, request.SourcePrincipal)
            : certificate.Caller ??= CallerIdentity.From(certificate.Sha256Hex, null);

        if (!validator.HasIssuers)
        {
            return new CallerAuthentication(null, certificate, caller, TokenFailure.NotValidated, null);
        }

        var read = reader.TryRead(request.Headers, out ReadOnlyMemory<char> compact);
        if (read != TokenFailure.None)
        {
            return Fail(certificate, caller, read, null);
        }

        var validated = await validator.ValidateAsync(compact, cancellationToken).ConfigureAwait(false);
        if (!validated.IsValid)
        {
            return Fail(certificate, caller, validated.Failure, validated.Detail);
        }

        var token = validated.Token!;
        var binding = CertificateBinding.Check(token, certificate);
        if (binding != TokenFailure.None)
        {
            return Fail(certificate, caller, binding, null);
        }

        if (!validator.TryGetIssuer(token.Issuer, out var issuer))
        {
            return Fail(certificate, caller, TokenFailure.WrongIssuer, null);
        }

        var mode = RouteMode(request, issuer.Replay);
        var replayed = await replay.CheckAsync(token, mode, issuer.AllowMissingJti, caller, cancellationToken).ConfigureAwait(false);
        if (replayed != TokenFailure.None)
        {
            return Fail(certificate, caller, replayed, null);
        }

        return new CallerAuthentication(token, certificate, caller, TokenFailure.None, null);
    }

    /// <summary>A route may only make replay rules stricter (<c>once</c>), never weaker.</summary>
    private static ReplayMode RouteMode(CallerRequest request, ReplayMode issuerMode) =>
        request.ContextExtensions.TryGetValue(ReplayRouteKey, out var value)
        && ReplayModes.TryParse(value, out var routeMode)
        && routeMode == ReplayMode.Once
            ? ReplayMode.Once
            : issuerMode;

    private CallerAuthentication Fail(ClientCertificate? certificate, CallerIdentity caller, TokenFailure failure, string? detail)
    {
        TokensLog.Refused(logger, failure, detail);
        return new CallerAuthentication(null, certificate, caller, failure, detail);
    }
}
