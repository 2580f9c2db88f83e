using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace PhiGate.Testing.Identity;

/// <summary>
/// Builds compact JWS tokens by hand — well-formed ones and every kind of hostile one — so tests control each
/// header and claim byte.
/// </summary>
public static class TestTokens
{
    /// <summary>Standard claims for <paramref name="issuer"/>: aud, sub, client_id, scope, jti, iat, nbf, exp (5 minutes).</summary>
    public static Dictionary<string, object?> Claims(string issuer, string audience, DateTimeOffset now, string? jti = null) => new()
    {
        ["iss"] = issuer,
        ["aud"] = audience,
        ["sub"] = "svc-ehr",
        ["client_id"] = "ehr-client",
        ["scope"] = "patient.read patient.write",
        ["jti"] = jti ?? Guid.NewGuid().ToString("N"),
        ["iat"] = now.ToUnixTimeSeconds(),
        ["nbf"] = now.ToUnixTimeSeconds(),
        ["exp"] = now.AddMinutes(5).ToUnixTimeSeconds(),
    };

    public static Dictionary<string, object?> Header(TestSigningKey key) => new()
    {
        ["alg"] = key.Algorithm,
        ["typ"] = "at+jwt",
        ["kid"] = key.Kid,
    };

    /// <summary>Signs header.payload with <paramref name="key"/> (the header is used as given).</summary>
    public static string Sign(Dictionary<string, object?> header, Dictionary<string, object?> claims, TestSigningKey key)
    {
        var input = Encode(header) + "." + Encode(claims);
        return input + "." + Base64UrlEncoder.Encode(key.Sign(Encoding.ASCII.GetBytes(input)));
    }

    /// <summary>A well-formed token signed by <paramref name="key"/> with its own header.</summary>
    public static string Create(TestSigningKey key, Dictionary<string, object?> claims) => Sign(Header(key), claims, key);

    /// <summary><c>alg: none</c> with an empty signature.</summary>
    public static string Unsigned(Dictionary<string, object?> claims) =>
        Encode(new Dictionary<string, object?> { ["alg"] = "none", ["typ"] = "JWT" }) + "." + Encode(claims) + ".";

    /// <summary>HS256 "signed" with the RSA public key bytes as HMAC secret (the algorithm-confusion attack).</summary>
    public static string HmacWithPublicKey(TestSigningKey rsaKey, Dictionary<string, object?> claims)
    {
        var header = new Dictionary<string, object?> { ["alg"] = "HS256", ["typ"] = "JWT", ["kid"] = rsaKey.Kid };
        var input = Encode(header) + "." + Encode(claims);
        var mac = HMACSHA256.HashData(rsaKey.PublicKeyBytes(), Encoding.ASCII.GetBytes(input));
        return input + "." + Base64UrlEncoder.Encode(mac);
    }

    public static string Encode(Dictionary<string, object?> part) => Base64UrlEncoder.Encode(JsonSerializer.SerializeToUtf8Bytes(part));
}
