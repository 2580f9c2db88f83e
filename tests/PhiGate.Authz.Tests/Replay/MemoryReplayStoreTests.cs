using Microsoft.Extensions.Time.Testing;
using PhiGate.Authz.Replay;

namespace PhiGate.Authz.Tests.Replay;

[TestFixture]
public sealed class MemoryReplayStoreTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task Claim_AfterTokenExpiry_FirstUseAgain()
    {
        // Arrange
        var time = new FakeTimeProvider(Now);
        var store = new MemoryReplayStore(10, time);
        await store.ClaimAsync("k", "a", ReplayMode.Bind, Now.AddMinutes(1), CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(2));

        // Act
        var claim = await store.ClaimAsync("k", "b", ReplayMode.Bind, Now.AddMinutes(5), CancellationToken.None);

        // Assert
        Assert.That(claim, Is.EqualTo(ReplayClaim.FirstUse));
    }

    [Test]
    public async Task Claim_StoreFullOfLiveEntries_Unavailable()
    {
        // Arrange
        var time = new FakeTimeProvider(Now);
        var store = new MemoryReplayStore(2, time);
        await store.ClaimAsync("k1", "a", ReplayMode.Bind, Now.AddMinutes(1), CancellationToken.None);
        await store.ClaimAsync("k2", "a", ReplayMode.Bind, Now.AddMinutes(1), CancellationToken.None);

        // Act
        var claim = await store.ClaimAsync("k3", "a", ReplayMode.Bind, Now.AddMinutes(1), CancellationToken.None);

        // Assert
        Assert.That(claim, Is.EqualTo(ReplayClaim.Unavailable));
    }

    [Test]
    public async Task Claim_StoreFullOfExpiredEntries_SweepsAndRecords()
    {
        // Arrange
        var time = new FakeTimeProvider(Now);
        var store = new MemoryReplayStore(2, time);
        await store.ClaimAsync("k1", "a", ReplayMode.Bind, Now.AddMinutes(1), CancellationToken.None);
        await store.ClaimAsync("k2", "a", ReplayMode.Bind, Now.AddMinutes(1), CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(2));

        // Act
        var claim = await store.ClaimAsync("k3", "a", ReplayMode.Bind, Now.AddMinutes(5), CancellationToken.None);

        // Assert
        Assert.That(claim, Is.EqualTo(ReplayClaim.FirstUse));
        Assert.That(store.Count, Is.EqualTo(1));
    }

    [Test]
    public async Task Claim_ConcurrentFirstUsesFromTwoCallers_ExactlyOneWins()
    {
        // Arrange
        var store = new MemoryReplayStore(100, new FakeTimeProvider(Now));

        // Act
        var claims = await Task.WhenAll(Enumerable.Range(0, 32).Select(i =>
            Task.Run(async () => await store.ClaimAsync("k", i % 2 == 0 ? "a" : "b", ReplayMode.Once, Now.AddMinutes(1), CancellationToken.None))));

        // Assert
        Assert.That(claims.Count(c => c == ReplayClaim.FirstUse), Is.EqualTo(1));
        Assert.That(claims.Count(c => c == ReplayClaim.Replayed), Is.EqualTo(31));
    }
    [Test]
    public async Task Claim_ManyKeysAcrossShards_EachRecordedOnceAndJudgedByCaller()
    {
        // Arrange
        var store = new MemoryReplayStore(20_000, new FakeTimeProvider(Now));
        var keys = Enumerable.Range(0, 10_000).Select(i => ReplayKey(i)).ToArray();
        foreach (var key in keys)
        {
            await store.ClaimAsync(key, "a", ReplayMode.Bind, Now.AddMinutes(1), CancellationToken.None);
        }

        // Act
        var sameCaller = new List<ReplayClaim>();
        var otherCaller = new List<ReplayClaim>();
        foreach (var key in keys)
        {
            sameCaller.Add(await store.ClaimAsync(key, "a", ReplayMode.Bind, Now.AddMinutes(1), CancellationToken.None));
            otherCaller.Add(await store.ClaimAsync(key, "b", ReplayMode.Bind, Now.AddMinutes(1), CancellationToken.None));
        }

        // Assert
        Assert.That(store.Count, Is.EqualTo(10_000));
        Assert.That(sameCaller, Is.All.EqualTo(ReplayClaim.SameCaller));
        Assert.That(otherCaller, Is.All.EqualTo(ReplayClaim.Replayed));
    }

    [Test]
    public async Task Claim_OnceModeSameCaller_Replayed()
    {
        // Arrange
        var store = new MemoryReplayStore(10, new FakeTimeProvider(Now));
        await store.ClaimAsync(ReplayKey(1), "a", ReplayMode.Once, Now.AddMinutes(1), CancellationToken.None);

        // Act
        var claim = await store.ClaimAsync(ReplayKey(1), "a", ReplayMode.Once, Now.AddMinutes(1), CancellationToken.None);

        // Assert
        Assert.That(claim, Is.EqualTo(ReplayClaim.Replayed));
    }

    [Test]
    public async Task Claim_NewKeysAfterEarlierOnesExpired_ReuseTheirSlotsWithoutGrowing()
    {
        // Arrange
        var time = new FakeTimeProvider(Now);
        var store = new MemoryReplayStore(1_000, time);
        for (var i = 0; i < 500; i++)
        {
            await store.ClaimAsync(ReplayKey(i), "a", ReplayMode.Bind, Now.AddMinutes(1), CancellationToken.None);
        }

        time.Advance(TimeSpan.FromMinutes(2));

        // Act: ten rounds of 500 new keys, each round expiring before the next, in a store of 1,000.
        var claims = new List<ReplayClaim>();
        for (var round = 1; round <= 10; round++)
        {
            for (var i = 0; i < 500; i++)
            {
                claims.Add(await store.ClaimAsync(ReplayKey((round * 1_000) + i), "a", ReplayMode.Bind, time.GetUtcNow().AddMinutes(1), CancellationToken.None));
            }

            time.Advance(TimeSpan.FromMinutes(2));
        }

        // Assert
        Assert.That(claims, Is.All.EqualTo(ReplayClaim.FirstUse));
        Assert.That(store.Count, Is.LessThanOrEqualTo(1_000));
    }

    [Test]
    public void FingerprintOfKey_HexDigestAndOtherText_BothDistinguishKeys()
    {
        // Arrange
        var hexA = ReplayKey(1);
        var hexB = ReplayKey(2);

        // Act
        var fingerprints = new[] { Fingerprint.OfKey(hexA), Fingerprint.OfKey(hexB), Fingerprint.OfKey("k1"), Fingerprint.OfKey("k2") };

        // Assert
        Assert.That(fingerprints.Distinct().Count(), Is.EqualTo(4));
        Assert.That(Fingerprint.OfKey(hexA), Is.EqualTo(Fingerprint.OfKey(ReplayKey(1))));
    }

    private static string ReplayKey(int i) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("https://idp.example\n" + i)));
}
