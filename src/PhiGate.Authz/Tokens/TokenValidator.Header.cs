using System.Buffers;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace PhiGate.Authz.Tokens;

internal sealed partial class TokenValidator
{
    // Base64url and the segment separator: one vectorized scan instead of a test per character.
    private static readonly SearchValues<char> CompactJwsChars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.");

    /// <summary>Three base64url segments (the signature may be empty only so <c>alg: none</c> is reported as such), parsed without throwing into the caller.</summary>
    private static TokenFailure TryReadShape(string token, out JsonWebToken? jwt)
    {
        jwt = null;
        if (token.AsSpan().ContainsAnyExcept(CompactJwsChars))
        {
            return TokenFailure.Malformed;
        }

        var dots = token.AsSpan().Count('.');
        if (dots != 2)
        {
            // Five segments is a JWE: an encrypted (nested) token, which PhiGate does not accept.
            return dots == 4 ? TokenFailure.NestedToken : TokenFailure.Malformed;
        }

        var firstDot = token.IndexOf('.', StringComparison.Ordinal);
        var secondDot = token.IndexOf('.', firstDot + 1);
        if (firstDot == 0 || secondDot == firstDot + 1)
        {
            return TokenFailure.Malformed;
        }

        try
        {
            jwt = new JsonWebToken(token);
            return TokenFailure.None;
        }
        catch (ArgumentException)
        {
            // SecurityTokenMalformedException derives from ArgumentException.
            return TokenFailure.Malformed;
        }
    }

    /// <summary>Header rules that need no key: no nested token, no <c>crit</c>, a trusted issuer, an allowed algorithm.</summary>
    private TokenFailure CheckHeader(JsonWebToken jwt, out TrustedIssuer? issuer, out string? detail)
    {
        issuer = null;
        detail = null;
        if (string.Equals(jwt.Cty, "JWT", StringComparison.OrdinalIgnoreCase))
        {
            return TokenFailure.NestedToken;
        }

        if (jwt.TryGetHeaderValue<object>("crit", out _) || jwt.TryGetHeaderValue<object>("zip", out _))
        {
            return TokenFailure.UnsupportedCriticalHeader;
        }

        var alg = jwt.Alg;
        if (string.IsNullOrEmpty(alg) || string.Equals(alg, "none", StringComparison.OrdinalIgnoreCase))
        {
            detail = "none";
            return TokenFailure.AlgorithmNotAllowed;
        }

        if (!jwt.TryGetPayloadValue<string>("iss", out var iss) || string.IsNullOrEmpty(iss) || !_issuers.TryGetValue(iss, out issuer))
        {
            return TokenFailure.WrongIssuer;
        }

        if (!issuer.Algorithms.Contains(alg))
        {
            issuer = null;
            detail = Keys.KeyAlgorithmRules.Supported.Contains(alg) ? alg : "other";
            return TokenFailure.AlgorithmNotAllowed;
        }

        if (jwt.EncodedSignature.Length == 0)
        {
            issuer = null;
            return TokenFailure.BadSignature;
        }

        return TokenFailure.None;
    }
}
