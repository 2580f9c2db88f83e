using Microsoft.Extensions.Time.Testing;
using PhiGate.Authz.Tests.Support;
using PhiGate.Authz.Tokens;
using PhiGate.Testing.Identity;

namespace PhiGate.Authz.Tests.Tokens;

/// <summary>The hostile-token catalogue: each token is refused, and for the right reason.</summary>
[TestFixture]
public sealed class HostileTokenTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);

    private string _folder = null!;
    private TestSigningKey _rsa = null!;
    private TestSigningKey _ec = null!;
    private TestSigningKey _attacker = null!;
    private FakeTimeProvider _time = null!;
    private TokenTestHost _host = null!;

    [OneTimeSetUp]
    public void CreateKeys()
    {
        _rsa = TestSigningKey.Rsa("rsa-1");
        _ec = TestSigningKey.EcP256("ec-1");
        _attacker = TestSigningKey.Rsa("attacker-1");
    }

    [OneTimeTearDown]
    public void DisposeKeys()
    {
        _rsa.Dispose();
        _ec.Dispose();
        _attacker.Dispose();
    }

    [SetUp]
    public void SetUp()
    {
        _folder = Directory.CreateTempSubdirectory("phigate-authz-").FullName;
        var jwks = Path.Combine(_folder, "jwks.json");
        TestSigningKey.WriteJwks(jwks, _rsa, _ec);
        _time = new FakeTimeProvider(Now);
        _host = new TokenTestHost(TokenTestHost.FileIssuerOptions(jwks), _time);
    }

    [TearDown]
    public async Task TearDown()
    {
        await _host.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private Dictionary<string, object?> Claims() => TestTokens.Claims(TokenTestHost.Issuer, TokenTestHost.Audience, Now);

    private async Task<TokenFailure> FailureOf(string token)
    {
        var result = await _host.AuthenticateAsync(token);
        return result.Failure;
    }

    [Test]
    public async Task Authenticate_WellFormedRs256Token_Succeeds()
    {
        // Arrange
        var token = TestTokens.Create(_rsa, Claims());

        // Act
        var result = await _host.AuthenticateAsync(token);

        // Assert
        Assert.That(result.Failure, Is.EqualTo(TokenFailure.None));
        Assert.That(result.Token!.Subject, Is.EqualTo("svc-ehr"));
        Assert.That(result.Token.Scopes, Is.EqualTo(new[] { "patient.read", "patient.write" }));
        Assert.That(result.Token.ClientId, Is.EqualTo("ehr-client"));
    }

    [Test]
    public async Task Authenticate_WellFormedEs256Token_Succeeds()
    {
        // Arrange
        var token = TestTokens.Create(_ec, Claims());

        // Act
        var failure = await FailureOf(token);

        // Assert
        Assert.That(failure, Is.EqualTo(TokenFailure.None));
    }

    [Test]
    public async Task Authenticate_AlgNone_AlgorithmNotAllowed()
    {
        // Arrange
        var token = TestTokens.Unsigned(Claims());

        // Act
        var failure = await FailureOf(token);

        // Assert
        Assert.That(failure, Is.EqualTo(TokenFailure.AlgorithmNotAllowed));
    }

    [Test]
    public async Task Authenticate_Hs256SignedWithRsaPublicKey_AlgorithmNotAllowed()
    {
        // Arrange
        var token = TestTokens.HmacWithPublicKey(_rsa, Claims());

        // Act
        var failure = await FailureOf(token);

        // Assert
        Assert.That(failure, Is.EqualTo(TokenFailure.AlgorithmNotAllowed));
    }

    [Test]
    public async Task Authenticate_UnknownKid_UnknownKey()
    {
        // Arrange
        var token = TestTokens.Create(_attacker, Claims());

        // Act
        var failure = await FailureOf(token);

        // Assert
        Assert.That(failure, Is.EqualTo(TokenFailure.UnknownKey));
    }

    [TestCase("jku")]
    [TestCase("x5u")]
    public async Task Authenticate_KeyUrlHeaderPointingElsewhere_UnknownKey(string parameter)
    {
        // Arrange: the attacker signs with their own key and points the header at their own key set.
        var header = TestTokens.Header(_attacker);
        header[parameter] = "https://attacker.example/keys";
        var token = TestTokens.Sign(header, Claims(), _attacker);

        // Act
        var failure = await FailureOf(token);

        // Assert
        Assert.That(failure, Is.EqualTo(TokenFailure.UnknownKey));
    }

    [Test]
    public async Task Authenticate_EmbeddedJwkWithTrustedKid_BadSignature()
    {
        // Arrange: the attacker's public key is embedded, the kid claims to be ours.
        var header = TestTokens.Header(_attacker);
        header["kid"] = _rsa.Kid;
        header["jwk"] = _attacker.PublicJwk();
        var token = TestTokens.Sign(header, Claims(), _attacker);

        // Act
        var failure = await FailureOf(token);

        // Assert
        Assert.That(failure, Is.EqualTo(TokenFailure.BadSignature));
    }

    [TestCase('B')]
    [TestCase('C')]
    public async Task Authenticate_SignatureWithNonZeroTrailingBits_BadSignature(char last)
    {
        // Arrange: a 256-byte RSA signature is 342 base64url characters; the last one carries 2 bits and four
        // bits that must be zero. B and C set them, which the decoder rejects by throwing.
        var token = TestTokens.Create(_rsa, Claims());
        var hostile = token[..^1] + last;

        // Act
        var failure = await FailureOf(hostile);

        // Assert
        Assert.That(failure, Is.EqualTo(TokenFailure.BadSignature));
    }

    [Test]
    public async Task Authenticate_TamperedPayload_BadSignature()
    {
        // Arrange
        var token = TestTokens.Create(_rsa, Claims());
        var parts = token.Split('.');
        var claims = Claims();
        claims["scope"] = "patient.read patient.write admin";
        var tampered = parts[0] + "." + TestTokens.Encode(claims) + "." + parts[2];

        // Act
        var failure = await FailureOf(tampered);

        // Assert
        Assert.That(failure, Is.EqualTo(TokenFailure.BadSignature));
    }

    [Test]
    public async Task Authenticate_Expired_Expired()
    {
        // Arrange
        var claims = Claims();
        claims["iat"] = Now.AddMinutes(-20).ToUnixTimeSeconds();
        claims["nbf"] = Now.AddMinutes(-20).ToUnixTimeSeconds();
        claims["exp"] = Now.AddMinutes(-10).ToUnixTimeSeconds();

        // Act
        var failure = await FailureOf(TestTokens.Create(_rsa, claims));

        // Assert
        Assert.That(failure, Is.EqualTo(TokenFailure.Expired));
    }

    [Test]
    public async Task Authenticate_ExpiredWithinClockSkew_Succeeds()
    {
        // Arrange: expired 10 s ago, default skew 30 s.
        var claims = Claims();
        claims["iat"] = Now.AddMinutes(-5).ToUnixTimeSeconds();
        claims["nbf"] = Now.AddMinutes(-5).ToUnixTimeSeconds();
        claims["exp"] = Now.AddSeconds(-10).ToUnixTimeSeconds();

        // Act
        var failure = await FailureOf(TestTokens.Create(_rsa, claims));

        // Assert
        Assert.That(failure, Is.EqualTo(TokenFailure.None));
    }

    [Test]
    public async Task Authenticate_NotYetValid_NotYetValid()
    {
        // Arrange
        var claims = Claims();
        claims["nbf"] = Now.AddMinutes(2).ToUnixTimeSeconds();

        // Act
        var failure = await FailureOf(TestTokens.Create(_rsa, claims));

        // Assert
        Assert.That(failure, Is.EqualTo(TokenFailure.NotYetValid));
    }

    [Test]
    public async Task Authenticate_IssuedInFuture_IssuedInFuture()
    {
        // Arrange
        var claims = Claims();
        claims.Remove("nbf");
        claims["iat"] = Now.AddMinutes(2).ToUnixTimeSeconds();

        // Act
        var failure = await FailureOf(TestTokens.Create(_rsa, claims));

        // Assert
        Assert.That(failure, Is.EqualTo(TokenFailure.IssuedInFuture));
    }

    [Test]
    public async Task Authenticate_WrongAudience_WrongAudience()
    {
        // Arrange
        var claims = Claims();
        claims["aud"] = "billing-api";

        // Act
        var failure = await FailureOf(TestTokens.Create(_rsa, claims));

        // Assert
        Assert.That(failure, Is.EqualTo(TokenFailure.WrongAudience));
    }

    [Test]
    public async Task Authenticate_WrongIssuer_WrongIssuer()
    {
        // Arrange
        var claims = Claims();
        claims["iss"] = "https://idp.attacker.example";

        // Act
        var failure = await FailureOf(TestTokens.Create(_rsa, claims));

        // Assert
        Assert.That(failure, Is.EqualTo(TokenFailure.WrongIssuer));
    }

    [Test]
    public async Task Authenticate_LifetimeOverMaximum_LifetimeTooLong()
    {
        // Arrange: valid now, but issued for 2 hours (maximum 1 hour).
        var claims = Claims();
        claims["exp"] = Now.AddHours(2).ToUnixTimeSeconds();

        // Act
        var failure = await FailureOf(TestTokens.Create(_rsa, claims));

        // Assert
        Assert.That(failure, Is.EqualTo(TokenFailure.LifetimeTooLong));
    }

    [Test]
    public async Task Authenticate_MissingExp_MissingClaim()
    {
        // Arrange
        var claims = Claims();
        claims.Remove("exp");

        // Act
        var failure = await FailureOf(TestTokens.Create(_rsa, claims));

        // Assert
        Assert.That(failure, Is.EqualTo(TokenFailure.MissingClaim));
    }

    [Test]
    public async Task Authenticate_BadBase64_Malformed()
    {
        // Arrange
        var token = TestTokens.Create(_rsa, Claims());
        var broken = "ey!!" + token[4..];

        // Act
        var result = await _host.AuthenticateAsync(broken);

        // Assert: '!' is not even a token68 character, so the request itself is invalid.
        Assert.That(result.Failure, Is.AnyOf(TokenFailure.Malformed, TokenFailure.InvalidRequest));
    }

    [Test]
    public async Task Authenticate_HeaderNotJson_Malformed()
    {
        // Arrange
        var token = TestTokens.Create(_rsa, Claims());
        var broken = "bm90LWpzb24" + token[token.IndexOf('.', StringComparison.Ordinal)..];

        // Act
        var failure = await FailureOf(broken);

        // Assert
        Assert.That(failure, Is.EqualTo(TokenFailure.Malformed));
    }

    [Test]
    public async Task Authenticate_TruncatedToken_Malformed()
    {
        // Arrange
        var token = TestTokens.Create(_rsa, Claims());
        var truncated = token[..token.LastIndexOf('.')];

        // Act
        var failure = await FailureOf(truncated);

        // Assert
        Assert.That(failure, Is.EqualTo(TokenFailure.Malformed));
    }

    [Test]
    public async Task Authenticate_TruncatedSignature_BadSignature()
    {
        // Arrange
        var token = TestTokens.Create(_rsa, Claims());

        // Act
        var failure = await FailureOf(token[..^10]);

        // Assert
        Assert.That(failure, Is.EqualTo(TokenFailure.BadSignature));
    }

    [Test]
    public async Task Authenticate_100KilobyteToken_TooLarge()
    {
        // Arrange
        var claims = Claims();
        claims["padding"] = new string('a', 100 * 1024);
        var token = TestTokens.Create(_rsa, claims);

        // Act
        var failure = await FailureOf(token);

        // Assert
        Assert.That(failure, Is.EqualTo(TokenFailure.TooLarge));
    }

    [Test]
    public async Task Authenticate_NestedJwtContentType_NestedToken()
    {
        // Arrange: a signed JWT whose payload claims to be another JWT.
        var header = TestTokens.Header(_rsa);
        header["cty"] = "JWT";
        var token = TestTokens.Sign(header, Claims(), _rsa);

        // Act
        var failure = await FailureOf(token);

        // Assert
        Assert.That(failure, Is.EqualTo(TokenFailure.NestedToken));
    }

    [Test]
    public async Task Authenticate_EncryptedFivePartToken_NestedToken()
    {
        // Arrange: JWE compact serialization has five segments.
        var inner = TestTokens.Create(_rsa, Claims());
        var jwe = "eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00iLCJjdHkiOiJKV1QifQ.a2V5.aXY." + inner.Split('.')[1] + ".dGFn";

        // Act
        var failure = await FailureOf(jwe);

        // Assert
        Assert.That(failure, Is.EqualTo(TokenFailure.NestedToken));
    }

    [Test]
    public async Task Authenticate_CriticalHeader_UnsupportedCriticalHeader()
    {
        // Arrange
        var header = TestTokens.Header(_rsa);
        header["crit"] = new[] { "exp" };
        var token = TestTokens.Sign(header, Claims(), _rsa);

        // Act
        var failure = await FailureOf(token);

        // Assert
        Assert.That(failure, Is.EqualTo(TokenFailure.UnsupportedCriticalHeader));
    }

    [Test]
    public async Task Authenticate_RsaKidWithEs256Header_UnknownKey()
    {
        // Arrange: the header names our RSA key but claims an EC algorithm.
        var header = TestTokens.Header(_ec);
        header["kid"] = _rsa.Kid;
        var token = TestTokens.Sign(header, Claims(), _ec);

        // Act
        var failure = await FailureOf(token);

        // Assert
        Assert.That(failure, Is.EqualTo(TokenFailure.UnknownKey));
    }

    [Test]
    public async Task Authenticate_MissingJti_MissingJti()
    {
        // Arrange
        var claims = Claims();
        claims.Remove("jti");

        // Act
        var failure = await FailureOf(TestTokens.Create(_rsa, claims));

        // Assert
        Assert.That(failure, Is.EqualTo(TokenFailure.MissingJti));
    }

    [Test]
    public async Task Authenticate_NoAuthorizationHeader_Missing()
    {
        // Act
        var failure = (await _host.AuthenticateAsync(null)).Failure;

        // Assert
        Assert.That(failure, Is.EqualTo(TokenFailure.Missing));
    }

    [Test]
    public async Task Authenticate_RefusedTokens_NeverLogTokenOrClaimValues()
    {
        // Arrange
        var claims = Claims();
        claims["aud"] = "billing-api";
        claims["sub"] = "patient-4711";
        var token = TestTokens.Create(_rsa, claims);

        // Act
        await FailureOf(token);
        await FailureOf(TestTokens.Unsigned(claims));

        // Assert
        var logs = _host.Logs.AllText();
        Assert.That(logs, Does.Contain("WrongAudience"));
        Assert.That(logs, Does.Not.Contain("patient-4711"));
        Assert.That(logs, Does.Not.Contain("billing-api"));
        Assert.That(logs, Does.Not.Contain(token[..20]));
    }
}
