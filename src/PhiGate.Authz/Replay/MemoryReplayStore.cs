using System.Collections.Concurrent;

namespace PhiGate.Authz.Replay;

/// <summary>
/// In-process replay store: bounded, entries expire with their token. Full means <see cref="ReplayClaim.Unavailable"/>
/// (so the configured unavailable-store choice applies) rather than forgetting a live jti.
/// </summary>
internal sealed class MemoryReplayStore(int capacity, TimeProvider time) : IReplayStore
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private long _nextSweep;

    // Kept by hand: ConcurrentDictionary.Count takes every lock of the table, on every claim.
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public ValueTask<ReplayClaim> ClaimAsync(string key, string caller, ReplayMode mode, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_entries.TryGetValue(key, out var known) && known.ExpiresAt > now)
        {
            // The common case for a bound token in use: no allocation, no write.
            return ValueTask.FromResult(Judge(known, caller, mode));
        }

        if (Volatile.Read(ref _count) >= capacity && !Sweep(now))
        {
            return ValueTask.FromResult(ReplayClaim.Unavailable);
        }

        var fresh = new Entry(caller, expiresAt);
        while (true)
        {
            var existing = _entries.GetOrAdd(key, fresh);
            if (ReferenceEquals(existing, fresh))
            {
                Interlocked.Increment(ref _count);
                return ValueTask.FromResult(ReplayClaim.FirstUse);
            }

            if (existing.ExpiresAt <= now)
            {
                // Expired record: replace it atomically and retry (another thread may win the race).
                if (_entries.TryUpdate(key, fresh, existing))
                {
                    return ValueTask.FromResult(ReplayClaim.FirstUse);
                }

                continue;
            }

            return ValueTask.FromResult(Judge(existing, caller, mode));
        }
    }

    private static ReplayClaim Judge(Entry existing, string caller, ReplayMode mode) =>
        mode == ReplayMode.Bind && string.Equals(existing.Caller, caller, StringComparison.Ordinal)
            ? ReplayClaim.SameCaller
            : ReplayClaim.Replayed;

    /// <summary>Drops expired entries (at most once a second); true when there is room afterwards.</summary>
    private bool Sweep(DateTimeOffset now)
    {
        var ticks = now.UtcTicks;
        var next = Interlocked.Read(ref _nextSweep);
        if (ticks >= next && Interlocked.CompareExchange(ref _nextSweep, ticks + TimeSpan.TicksPerSecond, next) == next)
        {
            foreach (var entry in _entries)
            {
                if (entry.Value.ExpiresAt <= now && _entries.TryRemove(entry))
                {
                    Interlocked.Decrement(ref _count);
                }
            }
        }

        return Volatile.Read(ref _count) < capacity;
    }

    private sealed record Entry(string Caller, DateTimeOffset ExpiresAt);
}
