using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace PhiGate.Testing.Identity;

/// <summary>An asymmetric key made for one test run, with its public JWK for a JWKS file.</summary>
public sealed class TestSigningKey : IDisposable
{
    private TestSigningKey(string kid, string algorithm, AsymmetricAlgorithm key)
    {
        Kid = kid;
        Algorithm = algorithm;
        Key = key;
    }

    public string Kid { get; }

    public string Algorithm { get; }

    public AsymmetricAlgorithm Key { get; }

    public static TestSigningKey Rsa(string kid, int bits = 2048, string algorithm = "RS256") => new(kid, algorithm, System.Security.Cryptography.RSA.Create(bits));

    public static TestSigningKey EcP256(string kid) => new(kid, "ES256", ECDsa.Create(ECCurve.NamedCurves.nistP256));

    /// <summary>The public key as a JWK object (kty, kid, use, alg and the public parameters).</summary>
    public Dictionary<string, object> PublicJwk()
    {
        var jwk = new Dictionary<string, object> { ["kid"] = Kid, ["use"] = "sig", ["alg"] = Algorithm };
        switch (Key)
        {
            case RSA rsa:
                var p = rsa.ExportParameters(false);
                jwk["kty"] = "RSA";
                jwk["n"] = Base64UrlEncoder.Encode(p.Modulus);
                jwk["e"] = Base64UrlEncoder.Encode(p.Exponent);
                break;
            case ECDsa ec:
                var q = ec.ExportParameters(false).Q;
                jwk["kty"] = "EC";
                jwk["crv"] = "P-256";
                jwk["x"] = Base64UrlEncoder.Encode(q.X);
                jwk["y"] = Base64UrlEncoder.Encode(q.Y);
                break;
        }

        return jwk;
    }

    /// <summary>The DER SubjectPublicKeyInfo bytes (what an HS256-confusion attacker would use as the "secret").</summary>
    public byte[] PublicKeyBytes() => Key.ExportSubjectPublicKeyInfo();

    public byte[] Sign(byte[] data) => Key switch
    {
        RSA rsa when Algorithm.StartsWith("PS", StringComparison.Ordinal) => rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pss),
        RSA rsa => rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
        ECDsa ec => ec.SignData(data, HashAlgorithmName.SHA256),
        _ => throw new InvalidOperationException("unknown key type"),
    };

    /// <summary>Writes a JWKS file holding the public keys of <paramref name="keys"/>.</summary>
    public static void WriteJwks(string path, params TestSigningKey[] keys) =>
        File.WriteAllText(path, JsonSerializer.Serialize(new { keys = keys.Select(k => k.PublicJwk()) }));

    public void Dispose() => Key.Dispose();
}
