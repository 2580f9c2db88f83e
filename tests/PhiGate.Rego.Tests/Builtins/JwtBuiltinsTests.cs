using System.Security.Cryptography;
using PhiGate.Rego.Builtins;
using PhiGate.Rego.Values;

namespace PhiGate.Rego.Tests.Builtins;

[TestFixture]
internal sealed class JwtBuiltinsTests
{
    private const string OctJwk = "{\"kty\":\"oct\",\"k\":\"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow\"}";

    private static BuiltinContext At(long unixSeconds) => new(new FixedClock(DateTimeOffset.FromUnixTimeSeconds(unixSeconds)), CancellationToken.None);

    private static Value Json(string json) => JsonValueReader.Parse(json);

    [Test]
    public void EncodeSign_Rfc7515AppendixA1_MatchesKnownToken()
    {
        // Arrange
        var headers = Json("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
        var payload = Json("{\"iat\":1678000000,\"exp\":1678000300}");

        // Act
        var token = BuiltinCall.Invoke("io.jwt.encode_sign", headers, payload, Json(OctJwk));

        // Assert
        Assert.That(token, Is.EqualTo(Value.From("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE2NzgwMDAzMDAsImlhdCI6MTY3ODAwMDAwMH0.ZNCOrxE5MNdrqzHmiQ7c3so0IvGqHddBZFWe3kBaQHg")));
    }

    [Test]
    public void DecodeVerify_ExpiredAndFreshTokens_ValidOnlyBeforeExpiry()
    {
        // Arrange
        var token = BuiltinCall.Invoke("io.jwt.encode_sign", Json("{\"alg\":\"HS256\"}"), Json("{\"exp\":1000,\"iss\":\"me\"}"), Json("{\"kty\":\"oct\",\"k\":\"c2VjcmV0\"}"))!;
        var constraints = Json("{\"secret\":\"secret\",\"iss\":\"me\"}");

        // Act
        var before = (ArrayValue)BuiltinCall.Invoke(At(999), "io.jwt.decode_verify", token, constraints)!;
        var atExpiry = (ArrayValue)BuiltinCall.Invoke(At(1000), "io.jwt.decode_verify", token, constraints)!;
        var wrongIssuer = (ArrayValue)BuiltinCall.Invoke(At(999), "io.jwt.decode_verify", token, Json("{\"secret\":\"secret\",\"iss\":\"you\"}"))!;

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(before[0], Is.EqualTo(Value.True));
            Assert.That(JsonText.Serialize(before[2]), Is.EqualTo("{\"exp\":1000,\"iss\":\"me\"}"));
            Assert.That(atExpiry[0], Is.EqualTo(Value.False));
            Assert.That(wrongIssuer[0], Is.EqualTo(Value.False));
        });
    }

    [TestCase("ES256")]
    [TestCase("RS256")]
    [TestCase("PS384")]
    public void EncodeSignThenVerify_GeneratedKey_Verifies(string alg)
    {
        // Arrange
        var (privateJwk, publicJwk) = alg.StartsWith("ES", StringComparison.Ordinal) ? EcKeys() : RsaKeys();
        var token = BuiltinCall.Invoke("io.jwt.encode_sign", Json($"{{\"alg\":\"{alg}\"}}"), Json("{\"sub\":\"x\"}"), Json(privateJwk))!;

        // Act
        var valid = BuiltinCall.Invoke("io.jwt.verify_" + alg.ToLowerInvariant(), token, Value.From(publicJwk));
        var tampered = BuiltinCall.Invoke("io.jwt.verify_" + alg.ToLowerInvariant(), Value.From(((StringValue)token).Value[..^4] + "AAAA"), Value.From(publicJwk));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(valid, Is.EqualTo(Value.True));
            Assert.That(tampered, Is.EqualTo(Value.False));
        });
    }

    [Test]
    public void Ed25519_Rfc8032TestVector1_SignsAndVerifies()
    {
        // Arrange
        var secret = Convert.FromHexString("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
        var publicKey = Convert.FromHexString("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
        var expected = Convert.FromHexString("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");

        // Act
        var signature = Ed25519.Sign(secret, []);
        var verifies = Ed25519.Verify(publicKey, [], signature);
        var rejectsOther = Ed25519.Verify(publicKey, [1], signature);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(signature, Is.EqualTo(expected));
            Assert.That(verifies, Is.True);
            Assert.That(rejectsOther, Is.False);
        });
    }

    [TestCase("io.jwt.decode", "encoded JWT must have 3 sections, found 2", "\"a.b\"")]
    [TestCase("io.jwt.decode", "JWT header had invalid encoding: illegal base64 data at input byte 13", "\"eyJhbGciOiJIU^%zI1NiI+sInR5cCI6IkpXVCJ9.eyJzdWIiOiIwIiwiaXNzIjoib3BhIn0.XmVo\"")]
    [TestCase("io.jwt.verify_rs256", "failed to parse a JWK key (set): invalid JSON", "\"a.b.c\"", "\"not a key\"")]
    [TestCase("io.jwt.encode_sign_raw", "unknown JWS algorithm: dummy", "\"{\\\"alg\\\":\\\"dummy\\\"}\"", "\"{}\"", "\"{\\\"kty\\\":\\\"oct\\\",\\\"k\\\":\\\"AA\\\"}\"")]
    [TestCase("io.jwt.encode_sign_raw", "type is JWT but payload is not JSON", "\"{\\\"typ\\\":\\\"JWT\\\",\\\"alg\\\":\\\"HS256\\\"}\"", "\"e\"", "\"{\\\"kty\\\":\\\"oct\\\",\\\"k\\\":\\\"AA\\\"}\"")]
    public void Call_MalformedInput_OpaError(string name, string message, params string[] args)
    {
        // Act
        var error = BuiltinCall.Error(name, args);

        // Assert
        Assert.That(error.Message, Is.EqualTo(message));
    }

    private static (string Private, string Public) EcKeys()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var p = ec.ExportParameters(includePrivateParameters: true);
        string B(byte[] b) => Convert.ToBase64String(b).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var pub = $"{{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"{B(p.Q.X!)}\",\"y\":\"{B(p.Q.Y!)}\"}}";
        return (pub.TrimEnd('}') + $",\"d\":\"{B(p.D!)}\"}}", pub);
    }

    private static (string Private, string Public) RsaKeys()
    {
        using var rsa = RSA.Create(2048);
        var p = rsa.ExportParameters(includePrivateParameters: true);
        string B(byte[] b) => Convert.ToBase64String(b).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var pub = $"{{\"kty\":\"RSA\",\"n\":\"{B(p.Modulus!)}\",\"e\":\"{B(p.Exponent!)}\"}}";
        var priv = pub.TrimEnd('}') + $",\"d\":\"{B(p.D!)}\",\"p\":\"{B(p.P!)}\",\"q\":\"{B(p.Q!)}\",\"dp\":\"{B(p.DP!)}\",\"dq\":\"{B(p.DQ!)}\",\"qi\":\"{B(p.InverseQ!)}\"}}";
        return (priv, pub);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
