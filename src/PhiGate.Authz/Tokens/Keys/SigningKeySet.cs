using Microsoft.IdentityModel.Tokens;

namespace PhiGate.Authz.Tokens.Keys;

/// <summary>An immutable snapshot of one issuer's verification keys, as fetched at <see cref="FetchedAt"/>.</summary>
internal sealed class SigningKeySet
{
    private readonly Dictionary<string, SecurityKey> _byKid;
    private readonly SecurityKey[] _all;

    private SigningKeySet(Dictionary<string, SecurityKey> byKid, SecurityKey[] all, DateTimeOffset fetchedAt)
    {
        _byKid = byKid;
        _all = all;
        FetchedAt = fetchedAt;
    }

    public DateTimeOffset FetchedAt { get; }

    public int Count => _all.Length;

    public bool ContainsKid(string kid) => _byKid.ContainsKey(kid);

    /// <summary>
    /// Builds a snapshot from JWKS JSON. Only asymmetric signature keys are kept: <c>oct</c> keys are dropped so
    /// a key set can never turn into an HMAC secret, and keys marked for encryption are skipped.
    /// </summary>
    public static SigningKeySet? TryParse(string json, DateTimeOffset fetchedAt, out int skipped)
    {
        skipped = 0;
        JsonWebKeySet set;
        try
        {
            set = new JsonWebKeySet(json);
        }
        catch (ArgumentException)
        {
            return null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }

        var byKid = new Dictionary<string, SecurityKey>(StringComparer.Ordinal);
        var all = new List<SecurityKey>();
        foreach (var jwk in set.Keys)
        {
            if (!IsUsableSigningJwk(jwk) || !JsonWebKeyConverter.TryConvertToSecurityKey(jwk, out var key))
            {
                skipped++;
                continue;
            }

            all.Add(key);
            if (!string.IsNullOrEmpty(jwk.Kid))
            {
                byKid.TryAdd(jwk.Kid, key);
            }
        }

        return new SigningKeySet(byKid, [.. all], fetchedAt);
    }

    /// <summary>Keys able to verify <paramref name="algorithm"/>: the one named by <paramref name="kid"/>, or all compatible keys when the token names none.</summary>
    public IReadOnlyList<SecurityKey> Find(string? kid, string algorithm)
    {
        if (!string.IsNullOrEmpty(kid))
        {
            return _byKid.TryGetValue(kid, out var key) && KeyAlgorithmRules.Fits(key, algorithm) ? [key] : [];
        }

        return [.. _all.Where(k => KeyAlgorithmRules.Fits(k, algorithm))];
    }

    private static bool IsUsableSigningJwk(JsonWebKey jwk) =>
        jwk.Kty is JsonWebAlgorithmsKeyTypes.RSA or JsonWebAlgorithmsKeyTypes.EllipticCurve
        && (string.IsNullOrEmpty(jwk.Use) || jwk.Use == JsonWebKeyUseNames.Sig);
}
