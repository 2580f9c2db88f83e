using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace PhiGate.Authz.Tokens;

internal sealed partial class TokenValidator
{
    /// <summary>Time rules on our clock (<c>exp</c>, <c>nbf</c>, <c>iat</c>, maximum lifetime) and required claims; then the verified facts.</summary>
    private TokenResult CheckOwnRules(JsonWebToken jwt, TrustedIssuer issuer, DateTimeOffset now, string hash)
    {
        JsonElement claims;
        try
        {
            using var document = JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(jwt.EncodedPayload));
            claims = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return TokenResult.Fail(TokenFailure.Malformed);
        }

        var expires = ReadTime(claims, "exp");
        if (expires is null)
        {
            return TokenResult.Fail(TokenFailure.MissingClaim, "exp");
        }

        if (expires.Value + _settings.ClockSkew <= now)
        {
            return TokenResult.Fail(TokenFailure.Expired);
        }

        var notBefore = ReadTime(claims, "nbf");
        if (notBefore > now + _settings.ClockSkew)
        {
            return TokenResult.Fail(TokenFailure.NotYetValid);
        }

        if (notBefore > expires)
        {
            return TokenResult.Fail(TokenFailure.Malformed);
        }

        var issuedAt = ReadTime(claims, "iat");
        if (issuedAt > now + _settings.ClockSkew)
        {
            return TokenResult.Fail(TokenFailure.IssuedInFuture);
        }

        // Without iat or nbf the lifetime is measured from now: the remaining lifetime cannot exceed the maximum.
        var start = issuedAt ?? notBefore ?? now;
        if (expires.Value - start > _settings.MaxLifetime)
        {
            return TokenResult.Fail(TokenFailure.LifetimeTooLong);
        }

        foreach (var required in issuer.RequiredClaims)
        {
            if (!claims.TryGetProperty(required, out var value) || value.ValueKind is JsonValueKind.Null)
            {
                return TokenResult.Fail(TokenFailure.MissingClaim, required);
            }
        }

        var jti = ReadString(claims, "jti");
        return TokenResult.Success(new VerifiedToken
        {
            Issuer = issuer.Issuer,
            Subject = ReadString(claims, "sub"),
            ClientId = ReadString(claims, "client_id") ?? ReadString(claims, "azp"),
            Audiences = ReadStrings(claims, "aud", ' '),
            Scopes = ReadScopes(claims),
            Jti = string.IsNullOrEmpty(jti) ? null : jti,
            Algorithm = jwt.Alg,
            KeyId = NullIfEmpty(jwt.Kid),
            ExpiresAt = expires.Value,
            IssuedAt = issuedAt,
            CertificateThumbprint = claims.TryGetProperty("cnf", out var cnf) && cnf.ValueKind == JsonValueKind.Object
                ? ReadString(cnf, "x5t#S256") ?? string.Empty
                : null,
            Claims = claims,
            TokenHash = hash,
        });
    }

    private static DateTimeOffset? ReadTime(JsonElement claims, string name)
    {
        if (!claims.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var seconds))
        {
            return null;
        }

        // Outside DateTimeOffset's range the claim is nonsense; clamp so comparisons still deny.
        const double MaxSeconds = 253_402_300_799;
        seconds = Math.Clamp(seconds, 0, MaxSeconds);
        return DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000));
    }

    private static string? ReadString(JsonElement claims, string name) =>
        claims.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>A claim that is a string (split on <paramref name="separator"/>) or an array of strings.</summary>
    private static string[] ReadStrings(JsonElement claims, string name, char separator)
    {
        if (!claims.TryGetProperty(name, out var value))
        {
            return [];
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString()!.Split(separator, StringSplitOptions.RemoveEmptyEntries),
            JsonValueKind.Array => [.. value.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)],
            _ => [],
        };
    }

    /// <summary>OAuth <c>scope</c> (space separated, RFC 8693 §4.2) or the <c>scp</c> list some providers use.</summary>
    private static string[] ReadScopes(JsonElement claims)
    {
        var scopes = ReadStrings(claims, "scope", ' ');
        return scopes.Length > 0 ? scopes : ReadStrings(claims, "scp", ' ');
    }
}
