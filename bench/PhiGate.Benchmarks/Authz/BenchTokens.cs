using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace PhiGate.Benchmarks.Authz;

/// <summary>The Authz benchmarks' RS256 key material: its JWKS file and distinct tokens minted ahead of the run.</summary>
internal static class BenchTokens
{
    public const string Issuer = "https://idp.bench.phigate.test";
    public const string Audience = "ehr-api";
    public const string KeyId = "bench-1";

    public static void WriteJwks(RSA rsa, string path)
    {
        var p = rsa.ExportParameters(false);
        File.WriteAllText(path, JsonSerializer.Serialize(new
        {
            keys = new[] { new { kty = "RSA", use = "sig", alg = "RS256", kid = KeyId, n = Base64UrlEncoder.Encode(p.Modulus), e = Base64UrlEncoder.Encode(p.Exponent) } },
        }));
    }

    /// <summary><paramref name="count"/> tokens for one subject, each with its own <c>jti</c>, plus <paramref name="claims"/>.</summary>
    public static string[] Mint(RSA rsa, int count, IReadOnlyDictionary<string, object> claims)
    {
        var handler = new JsonWebTokenHandler();
        var credentials = new SigningCredentials(new RsaSecurityKey(rsa) { KeyId = KeyId }, SecurityAlgorithms.RsaSha256);
        var now = DateTime.UtcNow;
        var tokens = new string[count];
        Parallel.For(0, count, i => tokens[i] = handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(30),
            SigningCredentials = credentials,
            Claims = new Dictionary<string, object>(claims)
            {
                ["sub"] = "clinician-bench",
                ["jti"] = Guid.NewGuid().ToString("N"),
            },
        }));
        return tokens;
    }
}
