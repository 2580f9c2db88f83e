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
}
