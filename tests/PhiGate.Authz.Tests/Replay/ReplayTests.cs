using Microsoft.Extensions.Time.Testing;
using PhiGate.Authz.Options;
using PhiGate.Authz.Tests.Support;
using PhiGate.Authz.Tokens;
using PhiGate.Testing.Identity;
using PhiGate.Testing.Redis;

namespace PhiGate.Authz.Tests.Replay;

/// <summary>jti replay protection through the whole authenticator, with the in-memory store and with a real Redis.</summary>
[TestFixture("memory")]
[TestFixture("redis")]
public sealed class ReplayTests(string store)
{
    private TestSigningKey _key = null!;
    private TestCertificate _clientA = null!;
    private TestCertificate _clientB = null!;
    private RedisFixture? _redis;
    private string _folder = null!;
    private string _jwks = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _key = TestSigningKey.EcP256("ec-replay");
        _clientA = TestCertificate.Create("client-a", "spiffe://phigate.test/ns/ehr/sa/client-a");
        _clientB = TestCertificate.Create("client-b", "spiffe://phigate.test/ns/ehr/sa/client-b");
        _folder = Directory.CreateTempSubdirectory("phigate-replay-").FullName;
        _jwks = Path.Combine(_folder, "jwks.json");
        TestSigningKey.WriteJwks(_jwks, _key);
        if (store == "redis")
        {
            _redis = await RedisFixture.StartAsync();
        }
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }

        _key.Dispose();
        _clientA.Dispose();
        _clientB.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private TokenTestHost CreateHost(string replay = "bind", string? replayStore = null, string unavailable = "deny")
    {
        var options = TokenTestHost.FileIssuerOptions(_jwks);
        options.Replay = replay;
        options.ReplayStore = replayStore ?? _redis?.Url ?? "memory";
        options.ReplayStoreUnavailable = unavailable;
        return new TokenTestHost(options, TimeProvider.System);
    }

    private string NewToken(string? jti = null) =>
        TestTokens.Create(_key, TestTokens.Claims(TokenTestHost.Issuer, TokenTestHost.Audience, DateTimeOffset.UtcNow, jti));

    [Test]
    public async Task Authenticate_BindModeSameClientTwice_Succeeds()
    {
        // Arrange
        await using var host = CreateHost();
        var token = NewToken();

        // Act
        var first = await host.AuthenticateAsync(token, _clientA);
        var second = await host.AuthenticateAsync(token, _clientA);

        // Assert
        Assert.That(first.Failure, Is.EqualTo(TokenFailure.None));
        Assert.That(second.Failure, Is.EqualTo(TokenFailure.None));
    }

    [Test]
    public async Task Authenticate_BindModeReplayedFromOtherClientCertificate_Replayed()
    {
        // Arrange
        await using var host = CreateHost();
        var token = NewToken();
        await host.AuthenticateAsync(token, _clientA);

        // Act
        var replayed = await host.AuthenticateAsync(token, _clientB);
        var original = await host.AuthenticateAsync(token, _clientA);

        // Assert
        Assert.That(replayed.Failure, Is.EqualTo(TokenFailure.Replayed));
        Assert.That(replayed.Token, Is.Null);
        Assert.That(original.Failure, Is.EqualTo(TokenFailure.None));
    }

    [Test]
    public async Task Authenticate_BindModeFallsBackToSourcePrincipal_ReplayedFromOtherPrincipal()
    {
        // Arrange
        await using var host = CreateHost();
        var token = NewToken();
        await host.AuthenticateAsync(token, principal: "spiffe://phigate.test/ns/ehr/sa/a");

        // Act
        var replayed = await host.AuthenticateAsync(token, principal: "spiffe://phigate.test/ns/ehr/sa/b");

        // Assert
        Assert.That(replayed.Failure, Is.EqualTo(TokenFailure.Replayed));
    }

    [Test]
    public async Task Authenticate_OnceModeSecondUse_Replayed()
    {
        // Arrange
        await using var host = CreateHost(replay: "once");
        var token = NewToken();

        // Act
        var first = await host.AuthenticateAsync(token, _clientA);
        var second = await host.AuthenticateAsync(token, _clientA);

        // Assert
        Assert.That(first.Failure, Is.EqualTo(TokenFailure.None));
        Assert.That(second.Failure, Is.EqualTo(TokenFailure.Replayed));
    }

    [Test]
    public async Task Authenticate_RouteAsksForOnce_SecondUseReplayed()
    {
        // Arrange: the issuer binds, but this route's context_extensions make tokens single-use.
        await using var host = CreateHost(replay: "bind");
        var token = NewToken();
        var route = new Dictionary<string, string> { [CallerAuthenticator.ReplayRouteKey] = "once" };

        // Act
        var first = await host.AuthenticateAsync(token, _clientA, contextExtensions: route);
        var second = await host.AuthenticateAsync(token, _clientA, contextExtensions: route);

        // Assert
        Assert.That(first.Failure, Is.EqualTo(TokenFailure.None));
        Assert.That(second.Failure, Is.EqualTo(TokenFailure.Replayed));
    }

    [Test]
    public async Task Authenticate_RouteAsksForOff_IssuerModeStillApplies()
    {
        // Arrange: a route cannot weaken the issuer's rule.
        await using var host = CreateHost(replay: "once");
        var token = NewToken();
        var route = new Dictionary<string, string> { [CallerAuthenticator.ReplayRouteKey] = "off" };

        // Act
        await host.AuthenticateAsync(token, _clientA, contextExtensions: route);
        var second = await host.AuthenticateAsync(token, _clientA, contextExtensions: route);

        // Assert
        Assert.That(second.Failure, Is.EqualTo(TokenFailure.Replayed));
    }

    [Test]
    public async Task Authenticate_OffMode_TokenUsableFromAnyClient()
    {
        // Arrange
        await using var host = CreateHost(replay: "off");
        var token = NewToken();

        // Act
        var first = await host.AuthenticateAsync(token, _clientA);
        var second = await host.AuthenticateAsync(token, _clientB);

        // Assert
        Assert.That(first.Failure, Is.EqualTo(TokenFailure.None));
        Assert.That(second.Failure, Is.EqualTo(TokenFailure.None));
    }

    [Test]
    public async Task Authenticate_SameJtiInTwoTokens_SecondFromOtherClientReplayed()
    {
        // Arrange: two different token strings (so no cache effect) sharing one jti.
        await using var host = CreateHost();
        var jti = Guid.NewGuid().ToString("N");
        var first = NewToken(jti);
        var second = NewToken(jti);

        // Act
        var a = await host.AuthenticateAsync(first, _clientA);
        var b = await host.AuthenticateAsync(second, _clientB);

        // Assert
        Assert.That(a.Failure, Is.EqualTo(TokenFailure.None));
        Assert.That(b.Failure, Is.EqualTo(TokenFailure.Replayed));
    }

    [Test]
    public async Task Authenticate_ReplayStoreDownDefault_Denied()
    {
        // Arrange: a Redis URL where nothing listens.
        await using var host = CreateHost(replayStore: $"redis://127.0.0.1:{FreePort.Next()}");

        // Act
        var result = await host.AuthenticateAsync(NewToken(), _clientA);

        // Assert
        Assert.That(result.Failure, Is.EqualTo(TokenFailure.ReplayStoreUnavailable));
    }

    [Test]
    public async Task Authenticate_ReplayStoreDownAllowConfigured_Succeeds()
    {
        // Arrange
        await using var host = CreateHost(replayStore: $"redis://127.0.0.1:{FreePort.Next()}", unavailable: "allow");

        // Act
        var result = await host.AuthenticateAsync(NewToken(), _clientA);

        // Assert
        Assert.That(result.Failure, Is.EqualTo(TokenFailure.None));
    }

    [Test]
    public async Task Authenticate_MissingJtiAllowedByIssuer_Succeeds()
    {
        // Arrange
        var options = TokenTestHost.FileIssuerOptions(_jwks, issuer => issuer.AllowMissingJti = true);
        options.ReplayStore = _redis?.Url ?? "memory";
        await using var host = new TokenTestHost(options, TimeProvider.System);
        var claims = TestTokens.Claims(TokenTestHost.Issuer, TokenTestHost.Audience, DateTimeOffset.UtcNow);
        claims.Remove("jti");

        // Act
        var result = await host.AuthenticateAsync(TestTokens.Create(_key, claims), _clientA);

        // Assert
        Assert.That(result.Failure, Is.EqualTo(TokenFailure.None));
    }
}
