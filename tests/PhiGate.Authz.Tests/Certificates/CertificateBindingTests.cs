using PhiGate.Authz.Tests.Support;
using PhiGate.Authz.Tokens;
using PhiGate.Testing.Identity;

namespace PhiGate.Authz.Tests.Certificates;

/// <summary>RFC 8705 certificate-bound tokens through the whole authenticator.</summary>
[TestFixture]
public sealed class CertificateBindingTests
{
    private TestSigningKey _key = null!;
    private TestCertificate _clientA = null!;
    private TestCertificate _clientB = null!;
    private string _folder = null!;
    private TokenTestHost _host = null!;

    [OneTimeSetUp]
    public void SetUp()
    {
        _key = TestSigningKey.EcP256("ec-cnf");
        _clientA = TestCertificate.Create("client-a", "spiffe://phigate.test/ns/ehr/sa/client-a");
        _clientB = TestCertificate.Create("client-b", "spiffe://phigate.test/ns/ehr/sa/client-b");
        _folder = Directory.CreateTempSubdirectory("phigate-cnf-").FullName;
        var jwks = Path.Combine(_folder, "jwks.json");
        TestSigningKey.WriteJwks(jwks, _key);
        _host = new TokenTestHost(TokenTestHost.FileIssuerOptions(jwks), TimeProvider.System);
    }

    [OneTimeTearDown]
    public async Task TearDown()
    {
        await _host.DisposeAsync();
        _key.Dispose();
        _clientA.Dispose();
        _clientB.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private string BoundToken(string thumbprint)
    {
        var claims = TestTokens.Claims(TokenTestHost.Issuer, TokenTestHost.Audience, DateTimeOffset.UtcNow);
        claims["cnf"] = new Dictionary<string, string> { ["x5t#S256"] = thumbprint };
        return TestTokens.Create(_key, claims);
    }

    [Test]
    public async Task Authenticate_BoundTokenWithItsCertificate_SucceedsWithCertificateFacts()
    {
        // Arrange
        var token = BoundToken(_clientA.X5tS256);

        // Act
        var result = await _host.AuthenticateAsync(token, _clientA);

        // Assert
        Assert.That(result.Failure, Is.EqualTo(TokenFailure.None));
        Assert.That(result.Certificate!.SpiffeId, Is.EqualTo("spiffe://phigate.test/ns/ehr/sa/client-a"));
        Assert.That(result.Caller.BindingKey, Is.EqualTo("x5t:" + _clientA.Sha256Hex));
    }

    [Test]
    public async Task Authenticate_BoundTokenWithOtherCertificate_CertificateMismatch()
    {
        // Arrange
        var token = BoundToken(_clientA.X5tS256);

        // Act
        var result = await _host.AuthenticateAsync(token, _clientB);

        // Assert
        Assert.That(result.Failure, Is.EqualTo(TokenFailure.CertificateMismatch));
        Assert.That(result.Token, Is.Null);
    }

    [Test]
    public async Task Authenticate_BoundTokenWithoutCertificate_CertificateRequired()
    {
        // Arrange
        var token = BoundToken(_clientA.X5tS256);

        // Act
        var result = await _host.AuthenticateAsync(token, certificate: null, principal: "spiffe://phigate.test/ns/ehr/sa/client-a");

        // Assert
        Assert.That(result.Failure, Is.EqualTo(TokenFailure.CertificateRequired));
    }

    [Test]
    public async Task Authenticate_CnfWithoutX5t_CertificateMismatch()
    {
        // Arrange: a DPoP-bound token (cnf.jkt) used as a plain bearer token.
        var claims = TestTokens.Claims(TokenTestHost.Issuer, TokenTestHost.Audience, DateTimeOffset.UtcNow);
        claims["cnf"] = new Dictionary<string, string> { ["jkt"] = "0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I" };

        // Act
        var result = await _host.AuthenticateAsync(TestTokens.Create(_key, claims), _clientA);

        // Assert
        Assert.That(result.Failure, Is.EqualTo(TokenFailure.CertificateMismatch));
    }

    [Test]
    public async Task Authenticate_UnboundTokenWithCertificate_Succeeds()
    {
        // Arrange
        var token = TestTokens.Create(_key, TestTokens.Claims(TokenTestHost.Issuer, TokenTestHost.Audience, DateTimeOffset.UtcNow));

        // Act
        var result = await _host.AuthenticateAsync(token, _clientB);

        // Assert
        Assert.That(result.Failure, Is.EqualTo(TokenFailure.None));
        Assert.That(result.Certificate!.Sha256Hex, Is.EqualTo(_clientB.Sha256Hex));
    }
}
