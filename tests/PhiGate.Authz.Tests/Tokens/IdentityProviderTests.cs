using Microsoft.Extensions.Time.Testing;
using PhiGate.Authz.Options;
using PhiGate.Authz.Tests.Support;
using PhiGate.Authz.Tokens;
using PhiGate.Testing.Identity;

namespace PhiGate.Authz.Tests.Tokens;

/// <summary>Tokens, discovery, JWKS and key rotation from a real oidc-provider on loopback.</summary>
[TestFixture]
[NonParallelizable]
public sealed class IdentityProviderTests
{
    private OidcProviderFixture _idp = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _idp = await OidcProviderFixture.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_idp is not null)
        {
            await _idp.DisposeAsync();
        }
    }

    private TokenOptions Options(bool discovery)
    {
        var issuer = new IssuerOptions
        {
            Issuer = _idp.Issuer,
            Audiences = [OidcProviderFixture.DefaultAudience],
            Algorithms = ["RS256"],
        };
        if (discovery)
        {
            issuer.Discovery = _idp.DiscoveryUrl;
        }
        else
        {
            issuer.JwksUri = _idp.JwksUrl;
        }

        return new TokenOptions { Issuers = [issuer], KeyMinRefreshInterval = "0s" };
    }

    [TestCase(true)]
    [TestCase(false)]
    public async Task Authenticate_ClientCredentialsToken_Succeeds(bool discovery)
    {
        // Arrange
        await using var host = new TokenTestHost(Options(discovery), TimeProvider.System);
        var token = await _idp.RequestTokenAsync(scope: "patient.read patient.write");

        // Act
        var result = await host.AuthenticateAsync(token);

        // Assert
        Assert.That(result.Failure, Is.EqualTo(TokenFailure.None));
        Assert.That(result.Token!.Issuer, Is.EqualTo(_idp.Issuer));
        Assert.That(result.Token.ClientId, Is.EqualTo("ehr-client"));
        Assert.That(result.Token.Scopes, Is.EquivalentTo(new[] { "patient.read", "patient.write" }));
        Assert.That(result.Token.Jti, Is.Not.Null);
    }

    [Test]
    public async Task Authenticate_TokenForOtherAudience_WrongAudience()
    {
        // Arrange
        var options = Options(discovery: true);
        options.Issuers[0].Audiences = ["billing-api"];
        await using var host = new TokenTestHost(options, TimeProvider.System);

        // Act
        var result = await host.AuthenticateAsync(await _idp.RequestTokenAsync());

        // Assert
        Assert.That(result.Failure, Is.EqualTo(TokenFailure.WrongAudience));
    }

    [Test]
    public async Task Authenticate_AfterKeyRotation_NewKidFetchedAtOnce()
    {
        // Arrange: keys are cached from a first token, then the provider starts signing with a new key.
        await using var host = new TokenTestHost(Options(discovery: true), TimeProvider.System);
        var before = await host.AuthenticateAsync(await _idp.RequestTokenAsync());
        var newKid = await _idp.RotateKeysAsync();
        var rotated = await _idp.RequestTokenAsync();

        // Act
        var after = await host.AuthenticateAsync(rotated);

        // Assert
        Assert.That(before.Failure, Is.EqualTo(TokenFailure.None));
        Assert.That(after.Failure, Is.EqualTo(TokenFailure.None));
        Assert.That(after.Token!.KeyId, Is.EqualTo(newKid));
        Assert.That(after.Token.KeyId, Is.Not.EqualTo(before.Token!.KeyId));
    }

    [Test]
    public async Task Authenticate_KeyUnpublishedByProvider_CachedTokenRefused()
    {
        // Arrange: a token validated (and cached) under the old key; then the provider drops that key.
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var options = Options(discovery: false);
        options.KeyRefreshInterval = "1m";
        await using var host = new TokenTestHost(options, time);
        var oldToken = await _idp.RequestTokenAsync();
        var first = await host.AuthenticateAsync(oldToken);
        await _idp.RotateKeysAsync();
        await _idp.DropOldKeysAsync();
        time.Advance(TimeSpan.FromMinutes(2));
        await host.Pipeline.KeyCaches[0].RefreshIfDueAsync(CancellationToken.None);

        // Act
        var second = await host.AuthenticateAsync(oldToken);

        // Assert
        Assert.That(first.Failure, Is.EqualTo(TokenFailure.None));
        Assert.That(second.Failure, Is.EqualTo(TokenFailure.UnknownKey));
    }

    [Test]
    public async Task Authenticate_IdentityProviderDown_CachedKeysWorkUntilMaxAge()
    {
        // Arrange: a provider of our own, stopped after the keys were fetched.
        var idp = await OidcProviderFixture.StartAsync();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var options = new TokenOptions
        {
            Issuers = [new IssuerOptions { Issuer = idp.Issuer, Audiences = [OidcProviderFixture.DefaultAudience], JwksUri = idp.JwksUrl, Algorithms = ["RS256"] }],
            KeyRefreshInterval = "1m",
            KeyMaxAge = "5m",
            ValidatedCacheSize = 0,
            Replay = "off",
        };
        await using var host = new TokenTestHost(options, time);
        var token = await idp.RequestTokenAsync();
        var warm = await host.AuthenticateAsync(token);
        await idp.DisposeAsync();

        // Act: past the refresh interval the refresh fails, keys stay; past the maximum age they are gone.
        time.Advance(TimeSpan.FromMinutes(2));
        await host.Pipeline.KeyCaches[0].RefreshIfDueAsync(CancellationToken.None);
        var whileDown = await host.AuthenticateAsync(token);
        time.Advance(TimeSpan.FromMinutes(4));
        var afterMaxAge = await host.AuthenticateAsync(token);

        // Assert
        Assert.That(warm.Failure, Is.EqualTo(TokenFailure.None));
        Assert.That(whileDown.Failure, Is.EqualTo(TokenFailure.None));
        Assert.That(afterMaxAge.Failure, Is.EqualTo(TokenFailure.KeysUnavailable));
        Assert.That(host.Logs.Records.Any(r => r.EventId.Name == "KeyFetchFailed"), Is.True);
    }
}
