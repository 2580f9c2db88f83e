using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace PhiGate.Authz.Tokens;

internal sealed partial class TokenValidator
{
    /// <summary>
    /// Signature, <c>iss</c> and <c>aud</c> through JsonWebTokenHandler, with only the keys we resolved. Times are
    /// checked by <see cref="CheckOwnRules"/> against our <see cref="TimeProvider"/>.
    /// </summary>
    private async Task<TokenFailure> VerifyWithHandlerAsync(JsonWebToken jwt, TrustedIssuer issuer, IReadOnlyList<SecurityKey> keys)
    {
        var parameters = new TokenValidationParameters
        {
            ValidIssuer = issuer.Issuer,
            ValidAudiences = issuer.Audiences,
            ValidAlgorithms = issuer.Algorithms,
            IssuerSigningKeys = keys,
            TryAllIssuerSigningKeys = keys.Count > 1,
            RequireSignedTokens = true,
            RequireExpirationTime = false,
            RequireAudience = true,
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidateLifetime = false,
            ValidateIssuerSigningKey = false,
            ClockSkew = _settings.ClockSkew,
            SaveSigninToken = false,
        };

        var result = await _handler.ValidateTokenAsync(jwt, parameters).ConfigureAwait(false);
        return result.IsValid ? TokenFailure.None : MapFailure(result.Exception);
    }

    /// <summary>Maps the handler's exception (returned, not thrown) to our failure codes; order matters, subclasses first.</summary>
    internal static TokenFailure MapFailure(Exception? exception) => exception switch
    {
        SecurityTokenExpiredException => TokenFailure.Expired,
        SecurityTokenNotYetValidException => TokenFailure.NotYetValid,
        SecurityTokenNoExpirationException => TokenFailure.MissingClaim,
        SecurityTokenInvalidLifetimeException => TokenFailure.Malformed,
        SecurityTokenInvalidAudienceException => TokenFailure.WrongAudience,
        SecurityTokenInvalidIssuerException => TokenFailure.WrongIssuer,
        SecurityTokenSignatureKeyNotFoundException => TokenFailure.UnknownKey,
        SecurityTokenInvalidAlgorithmException => TokenFailure.AlgorithmNotAllowed,
        SecurityTokenInvalidSignatureException => TokenFailure.BadSignature,
        SecurityTokenMalformedException => TokenFailure.Malformed,
        _ => TokenFailure.Invalid,
    };
}
