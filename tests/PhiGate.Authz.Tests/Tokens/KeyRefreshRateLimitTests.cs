using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PhiGate.Authz.Tokens;
using PhiGate.Authz.Tokens.Keys;
using PhiGate.Testing.Identity;

namespace PhiGate.Authz.Tests.Tokens;

/// <summary>A flood of unknown kids cannot hammer the identity provider.</summary>
[TestFixture]
public sealed class KeyRefreshRateLimitTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);

    /// <summary>Counts fetches of a real JWKS file.</summary>
    private sealed class CountingSource(IKeySource inner) : IKeySource
    {
        public int Fetches;

        public Task<KeyFetchResult> FetchAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Fetches);
            return inner.FetchAsync(cancellationToken);
        }
    }

    [Test]
    public async Task Find_ManyUnknownKids_OneRefreshPerInterval()
    {
        // Arrange
        var folder = Directory.CreateTempSubdirectory("phigate-keys-").FullName;
        using var key = TestSigningKey.EcP256("ec-1");
        var path = Path.Combine(folder, "jwks.json");
        TestSigningKey.WriteJwks(path, key);
        var source = new CountingSource(new FileKeySource(path));
        var time = new FakeTimeProvider(Now);
        var cache = new IssuerKeyCache(source, new KeyCacheSettings(TimeSpan.FromMinutes(10), TimeSpan.FromSeconds(30), TimeSpan.FromHours(1)), time, NullLogger.Instance, 0);
        await cache.FindAsync("ec-1", "ES256", CancellationToken.None);

        // Act
        var lookups = new List<KeyLookup>();
        for (var i = 0; i < 200; i++)
        {
            lookups.Add(await cache.FindAsync("bogus-" + i, "ES256", CancellationToken.None));
        }

        time.Advance(TimeSpan.FromSeconds(31));
        await cache.FindAsync("bogus-after-interval", "ES256", CancellationToken.None);

        // Assert: the initial load, one refresh for the first unknown kid, one after the interval.
        Assert.That(lookups.All(l => l.Failure == TokenFailure.UnknownKey), Is.True);
        Assert.That(source.Fetches, Is.EqualTo(3));
        Directory.Delete(folder, recursive: true);
    }

    [Test]
    public async Task Find_KidAddedToFile_FoundAfterRefresh()
    {
        // Arrange
        var folder = Directory.CreateTempSubdirectory("phigate-keys-").FullName;
        using var oldKey = TestSigningKey.EcP256("ec-old");
        using var newKey = TestSigningKey.EcP256("ec-new");
        var path = Path.Combine(folder, "jwks.json");
        TestSigningKey.WriteJwks(path, oldKey);
        var cache = new IssuerKeyCache(new FileKeySource(path), KeyCacheSettings.Default, new FakeTimeProvider(Now), NullLogger.Instance, 0);
        await cache.FindAsync("ec-old", "ES256", CancellationToken.None);
        TestSigningKey.WriteJwks(path, newKey, oldKey);

        // Act
        var found = await cache.FindAsync("ec-new", "ES256", CancellationToken.None);

        // Assert
        Assert.That(found.Failure, Is.EqualTo(TokenFailure.None));
        Assert.That(found.Keys, Has.Count.EqualTo(1));
        Directory.Delete(folder, recursive: true);
    }

    [Test]
    public async Task Find_SymmetricKeyInJwks_NeverUsed()
    {
        // Arrange: an "oct" key in the set must not become an HMAC secret.
        var folder = Directory.CreateTempSubdirectory("phigate-keys-").FullName;
        var path = Path.Combine(folder, "jwks.json");
        await File.WriteAllTextAsync(path, """{"keys":[{"kty":"oct","kid":"hmac-1","k":"c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldA"}]}""");
        var cache = new IssuerKeyCache(new FileKeySource(path), KeyCacheSettings.Default, new FakeTimeProvider(Now), NullLogger.Instance, 0);

        // Act
        var found = await cache.FindAsync("hmac-1", "HS256", CancellationToken.None);

        // Assert
        Assert.That(found.Failure, Is.EqualTo(TokenFailure.KeysUnavailable));
        Directory.Delete(folder, recursive: true);
    }
}
