using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace PhiGate.Load;

/// <summary>An RS256 signing key, its JWKS file, and tokens minted with it ahead of the run.</summary>
internal sealed class TokenFactory : IDisposable
{
    public const string Issuer = "https://idp.load.phigate.test";
    public const string Audience = "ehr-api";
    private const string KeyId = "load-key-1";
    private static readonly string[] Roles = ["clinician"];

    private readonly RSA _rsa = RSA.Create(2048);
    private readonly JsonWebTokenHandler _handler = new();

    public string JwksJson()
    {
        var p = _rsa.ExportParameters(false);
        return JsonSerializer.Serialize(new
        {
            keys = new[]
            {
                new { kty = "RSA", use = "sig", alg = "RS256", kid = KeyId, n = Base64UrlEncoder.Encode(p.Modulus), e = Base64UrlEncoder.Encode(p.Exponent) },
            },
        });
    }

    /// <summary>Mints <paramref name="count"/> distinct tokens (distinct <c>jti</c>) for a clinician.</summary>
    public string[] Mint(int count)
    {
        var key = new RsaSecurityKey(_rsa) { KeyId = KeyId };
        var credentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256);
        var now = DateTime.UtcNow;
        var tokens = new string[count];
        for (var i = 0; i < count; i++)
        {
            tokens[i] = _handler.CreateToken(new SecurityTokenDescriptor
            {
                Issuer = Issuer,
                Audience = Audience,
                IssuedAt = now,
                NotBefore = now,
                Expires = now.AddMinutes(30),
                SigningCredentials = credentials,
                Claims = new Dictionary<string, object>
                {
                    ["sub"] = "clinician-load",
                    ["jti"] = Guid.NewGuid().ToString("N"),
                    ["client_id"] = "load-client",
                    ["scope"] = "patient.read observation.read",
                    ["roles"] = Roles,
                },
            });
        }

        return tokens;
    }

    /// <summary>Mints on every core: RS256 signing dominates the set-up of a fresh-token run.</summary>
    public string[] MintParallel(int count)
    {
        var chunks = Environment.ProcessorCount;
        var parts = new string[chunks][];
        Parallel.For(0, chunks, i => parts[i] = Mint(count / chunks + (i < count % chunks ? 1 : 0)));
        return parts.SelectMany(p => p).ToArray();
    }

    public void Dispose() => _rsa.Dispose();
}
