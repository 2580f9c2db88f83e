using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;

namespace PhiGate.Authz.Tokens;

internal sealed partial class TokenValidator
{
    /// <summary>Audience, time rules on our clock (<c>exp</c>, <c>nbf</c>, <c>iat</c>, maximum lifetime) and required claims; then the verified facts.</summary>
    private TokenResult CheckOwnRules(JsonWebToken jwt, TrustedIssuer issuer, DateTimeOffset now, string hash)
    {
        if (!TryReadPayload(jwt.EncodedPayload, out var claims))
        {
            return TokenResult.Fail(TokenFailure.Malformed);
        }

        if (!HasAudience(claims, issuer.Audiences))
        {
            return TokenResult.Fail(TokenFailure.WrongAudience);
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

    /// <summary>The payload as one standalone JSON object (decoded into a pooled buffer; the element owns a copy).</summary>
    private static bool TryReadPayload(string encodedPayload, out JsonElement claims)
    {
        claims = default;
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(1, Base64Url.GetMaxDecodedLength(encodedPayload.Length)));
        try
        {
            if (!Base64UrlText.TryDecode(encodedPayload, buffer, out var length))
            {
                return false;
            }

            var reader = new Utf8JsonReader(buffer.AsSpan(0, length));
            claims = JsonElement.ParseValue(ref reader);
            return claims.ValueKind == JsonValueKind.Object && !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// RFC 7519 §4.1.3: <c>aud</c> is one string or an array of strings, and one of them must be ours, compared
    /// exactly (a space-separated string is one audience, not several).
    /// </summary>
    private static bool HasAudience(JsonElement claims, IReadOnlyList<string> audiences)
    {
        if (!claims.TryGetProperty("aud", out var aud))
        {
            return false;
        }

        if (aud.ValueKind == JsonValueKind.String)
        {
            return Contains(audiences, aud.GetString());
        }

        if (aud.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in aud.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.String && Contains(audiences, item.GetString()))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool Contains(IReadOnlyList<string> values, string? value)
    {
        foreach (var candidate in values)
        {
            if (string.Equals(candidate, value, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
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
