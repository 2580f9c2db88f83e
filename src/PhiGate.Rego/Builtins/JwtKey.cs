using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using PhiGate.Rego.Values;

namespace PhiGate.Rego.Builtins;

/// <summary>A key for JWS signing or verification: RSA, ECDSA, Ed25519 or an HMAC secret, with its JWK <c>alg</c> and <c>kid</c>.</summary>
internal sealed class JwtKey
{
    public static readonly HashSet<string> Algorithms = new(StringComparer.Ordinal)
    {
        "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "HS256", "HS384", "HS512", "EdDSA",
    };

    public RSA? Rsa { get; init; }

    public ECDsa? Ec { get; init; }

    public byte[]? Secret { get; init; }

    public byte[]? Ed25519Public { get; init; }

    public byte[]? Ed25519Private { get; init; }

    public string Alg { get; init; } = string.Empty;

    public string Kid { get; init; } = string.Empty;

    /// <summary>Keys from a PEM certificate or public key, or from a JWK / JWK set, with OPA's error texts.</summary>
    public static List<JwtKey> FromCertOrJwk(string text)
    {
        if (PemBlock.TryDecode(text, out var block))
        {
            if (block.Rest.Length > 0)
            {
                throw BuiltinErrors.Fail("extra data after a PEM certificate block");
            }

            if (block.Type == "CERTIFICATE")
            {
                try
                {
                    using var cert = X509CertificateLoader.LoadCertificate(block.Bytes);
                    return [FromCertificate(cert)];
                }
                catch (CryptographicException)
                {
                    throw BuiltinErrors.Fail("failed to parse a PEM certificate: x509: malformed certificate");
                }
            }

            if (block.Type == "PUBLIC KEY")
            {
                return [FromSubjectPublicKeyInfo(block.Bytes)];
            }

            throw BuiltinErrors.Fail("failed to extract a Key from the PEM certificate");
        }

        Value parsed;
        try
        {
            parsed = JsonValueReader.Parse(text);
        }
        catch (System.Text.Json.JsonException)
        {
            throw BuiltinErrors.Fail("failed to parse a JWK key (set): invalid JSON");
        }

        var keys = new List<JwtKey>();
        if (parsed is ObjectValue set && set.Get("keys") is ArrayValue array)
        {
            foreach (var item in array.Items)
            {
                var key = FromJwk(item as ObjectValue ?? throw BuiltinErrors.Fail("failed to parse a JWK key (set): key is not an object"));
                if (key.Alg.Length == 0 || Algorithms.Contains(key.Alg))
                {
                    keys.Add(key);
                }
            }

            return keys;
        }

        if (parsed is ObjectValue single)
        {
            var key = FromJwk(single);
            if (key.Alg.Length == 0 || Algorithms.Contains(key.Alg))
            {
                keys.Add(key);
            }

            return keys;
        }

        throw BuiltinErrors.Fail("failed to parse a JWK key (set): not a JSON object");
    }

    private static JwtKey FromCertificate(X509Certificate2 cert)
    {
        if (cert.GetRSAPublicKey() is { } rsa)
        {
            return new JwtKey { Rsa = rsa };
        }

        if (cert.GetECDsaPublicKey() is { } ec)
        {
            return new JwtKey { Ec = ec };
        }

        return FromSubjectPublicKeyInfo(cert.PublicKey.ExportSubjectPublicKeyInfo());
    }

    private static JwtKey FromSubjectPublicKeyInfo(byte[] spki)
    {
        var rsa = RSA.Create();
        try
        {
            rsa.ImportSubjectPublicKeyInfo(spki, out _);
            return new JwtKey { Rsa = rsa };
        }
        catch (CryptographicException)
        {
            rsa.Dispose();
        }

        var ec = ECDsa.Create();
        try
        {
            ec.ImportSubjectPublicKeyInfo(spki, out _);
            return new JwtKey { Ec = ec };
        }
        catch (CryptographicException)
        {
            ec.Dispose();
        }

        // Ed25519 SubjectPublicKeyInfo: fixed 12-byte prefix then the 32-byte key.
        if (spki.Length == 44 && spki[0] == 0x30 && spki[2] == 0x30 && spki[4] == 0x06 && spki[6] == 0x2B && spki[7] == 0x65 && spki[8] == 0x70)
        {
            return new JwtKey { Ed25519Public = spki[12..] };
        }

        throw BuiltinErrors.Fail("failed to parse a PEM public key: unsupported key type");
    }

    /// <summary>Reads one JWK (RFC 7517): <c>RSA</c>, <c>EC</c>, <c>oct</c> or <c>OKP</c>/Ed25519.</summary>
    public static JwtKey FromJwk(ObjectValue jwk)
    {
        string? S(string name) => jwk.Get(name) is StringValue s ? s.Value : null;
        byte[]? B(string name) => S(name) is { } v ? Base64Url(v) : null;
        var kty = S("kty") ?? throw BuiltinErrors.Fail("failed to parse a JWK key (set): missing \"kty\"");
        var alg = S("alg") ?? string.Empty;
        var kid = S("kid") ?? string.Empty;
        switch (kty)
        {
            case "RSA":
                var parameters = new RSAParameters
                {
                    Modulus = B("n") ?? throw BuiltinErrors.Fail("failed to parse a JWK key (set): missing \"n\""),
                    Exponent = B("e") ?? throw BuiltinErrors.Fail("failed to parse a JWK key (set): missing \"e\""),
                };
                if (B("d") is { } d)
                {
                    parameters.D = Pad(d, parameters.Modulus.Length);
                    var half = (parameters.Modulus.Length + 1) / 2;
                    parameters.P = Pad(B("p"), half);
                    parameters.Q = Pad(B("q"), half);
                    parameters.DP = Pad(B("dp"), half);
                    parameters.DQ = Pad(B("dq"), half);
                    parameters.InverseQ = Pad(B("qi"), half);
                }

                var rsa = RSA.Create();
                try
                {
                    rsa.ImportParameters(parameters);
                }
                catch (CryptographicException)
                {
                    rsa.Dispose();
                    throw BuiltinErrors.Fail("failed to parse a JWK key (set): invalid RSA key");
                }

                return new JwtKey { Rsa = rsa, Alg = alg, Kid = kid };
            case "EC":
                var curve = S("crv") switch
                {
                    "P-256" => ECCurve.NamedCurves.nistP256,
                    "P-384" => ECCurve.NamedCurves.nistP384,
                    "P-521" => ECCurve.NamedCurves.nistP521,
                    var c => throw BuiltinErrors.Fail($"failed to parse a JWK key (set): unsupported curve {c}"),
                };
                var size = S("crv") switch { "P-256" => 32, "P-384" => 48, _ => 66 };
                var ecParameters = new ECParameters
                {
                    Curve = curve,
                    Q = new ECPoint { X = Pad(B("x"), size), Y = Pad(B("y"), size) },
                    D = B("d") is { } ecd ? Pad(ecd, size) : null,
                };
                var ec = ECDsa.Create();
                try
                {
                    ec.ImportParameters(ecParameters);
                }
                catch (CryptographicException)
                {
                    ec.Dispose();
                    throw BuiltinErrors.Fail("failed to parse a JWK key (set): invalid EC key");
                }

                return new JwtKey { Ec = ec, Alg = alg, Kid = kid };
            case "oct":
                return new JwtKey { Secret = B("k") ?? [], Alg = alg, Kid = kid };
            case "OKP" when S("crv") == "Ed25519":
                return new JwtKey { Ed25519Public = B("x"), Ed25519Private = B("d"), Alg = alg, Kid = kid };
            default:
                throw BuiltinErrors.Fail($"failed to parse a JWK key (set): unsupported key type {kty}");
        }
    }

    private static byte[]? Pad(byte[]? value, int length)
    {
        if (value is null || value.Length >= length)
        {
            return value;
        }

        var padded = new byte[length];
        value.CopyTo(padded, length - value.Length);
        return padded;
    }

    private static byte[] Base64Url(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/').TrimEnd('=');
        s = s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '=');
        try
        {
            return Convert.FromBase64String(s);
        }
        catch (FormatException)
        {
            throw BuiltinErrors.Fail("failed to parse a JWK key (set): invalid base64url value");
        }
    }

    /// <summary>Verifies a JWS signature with this key under <paramref name="alg"/>; false on any mismatch.</summary>
    public bool Verify(string alg, byte[] signingInput, byte[] signature)
    {
        var hash = HashFor(alg);
        try
        {
            return alg[..2] switch
            {
                "HS" when Secret is not null => CryptographicOperations.FixedTimeEquals(Hmac(alg, Secret, signingInput), signature),
                "RS" when Rsa is not null => Rsa.VerifyData(signingInput, signature, hash, RSASignaturePadding.Pkcs1),
                "PS" when Rsa is not null => Rsa.VerifyData(signingInput, signature, hash, RSASignaturePadding.Pss),
                "ES" when Ec is not null => Ec.VerifyData(signingInput, signature, hash),
                "Ed" when Ed25519Public is not null => Ed25519.Verify(Ed25519Public, signingInput, signature),
                _ => false,
            };
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    /// <summary>Signs a JWS signing input with this key under <paramref name="alg"/>.</summary>
    public byte[] Sign(string alg, byte[] signingInput)
    {
        var hash = HashFor(alg);
        try
        {
            return alg[..2] switch
            {
                "HS" when Secret is not null => Hmac(alg, Secret, signingInput),
                "RS" when Rsa is not null => Rsa.SignData(signingInput, hash, RSASignaturePadding.Pkcs1),
                "PS" when Rsa is not null => Rsa.SignData(signingInput, hash, RSASignaturePadding.Pss),
                "ES" when Ec is not null => Ec.SignData(signingInput, hash),
                "Ed" when Ed25519Private is not null => Ed25519.Sign(Ed25519Private, signingInput),
                _ => throw BuiltinErrors.Fail($"failed to sign payload: key type does not match algorithm {alg}"),
            };
        }
        catch (CryptographicException)
        {
            throw BuiltinErrors.Fail("failed to sign payload");
        }
    }

    private static HashAlgorithmName HashFor(string alg) => alg.Length >= 5 ? alg[2..] switch
    {
        "384" => HashAlgorithmName.SHA384,
        "512" => HashAlgorithmName.SHA512,
        _ => HashAlgorithmName.SHA256,
    } : HashAlgorithmName.SHA512;

    private static byte[] Hmac(string alg, byte[] key, byte[] data) => alg switch
    {
        "HS384" => HMACSHA384.HashData(key, data),
        "HS512" => HMACSHA512.HashData(key, data),
        _ => HMACSHA256.HashData(key, data),
    };

    internal static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);
}
