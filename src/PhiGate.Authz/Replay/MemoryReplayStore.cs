using System.Numerics;

namespace PhiGate.Authz.Replay;

/// <summary>
/// In-process replay store: bounded, entries expire with their token. Full means <see cref="ReplayClaim.Unavailable"/>
/// (so the configured unavailable-store choice applies) rather than forgetting a live jti.
/// </summary>
/// <remarks>
/// Every record is a 40-byte struct in open-addressed tables (128-bit fingerprints of the key and the caller, and
/// the expiry), split into shards with a lock each. There is nothing for the garbage collector to trace: with a
/// new token on every request, one record per token living until the token expires made every record an object
/// that survived into gen2, and that collection work cost more than the request. Expired records are reused in
/// place when an insert walks over them and are swept out when a shard or the store fills up.
/// </remarks>
internal sealed class MemoryReplayStore : IReplayStore
{
    private readonly ReplayShard[] _shards;
    private readonly int _capacity;
    private readonly TimeProvider _time;
    private long _nextFullSweep;

    // The caller's fingerprint is a SHA-256 of its binding key; a thread serves the same few callers over and
    // over, so the last one is kept rather than hashed again on every Check.
    [ThreadStatic]
    private static string? t_lastCaller;
    [ThreadStatic]
    private static Fingerprint t_lastCallerFingerprint;

    // Occupied slots in all shards (live and expired-but-not-swept), kept with interlocked updates.
    private int _count;

    public MemoryReplayStore(int capacity, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
        _time = time;

        // About 2,048 records a shard, at most 64 shards: enough locks for every core, small enough to sweep quickly.
        var shardCount = (int)Math.Min(64, BitOperations.RoundUpToPowerOf2((uint)Math.Max(1, capacity / 2_048)));
        var perShard = (capacity + shardCount - 1) / shardCount;
        _shards = new ReplayShard[shardCount];
        for (var i = 0; i < shardCount; i++)
        {
            _shards[i] = new ReplayShard(perShard);
        }
    }

    /// <summary>Records held now, live or expired but not yet swept.</summary>
    public int Count => Volatile.Read(ref _count);

    public ValueTask<ReplayClaim> ClaimAsync(string key, string caller, ReplayMode mode, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var record = new ReplayRecord(Fingerprint.OfKey(key), CallerFingerprint(caller), Math.Max(1, expiresAt.UtcTicks));
        var nowTicks = _time.GetUtcNow().UtcTicks;
        var shard = _shards[(int)(record.Key.High >> 58) & (_shards.Length - 1)];
        var outcome = shard.Claim(record, mode, nowTicks, roomLeft: Volatile.Read(ref _count) < _capacity);
        if (outcome == ShardClaim.Full)
        {
            SweepAll(nowTicks);
            outcome = shard.Claim(record, mode, nowTicks, roomLeft: Volatile.Read(ref _count) < _capacity);
        }

        switch (outcome)
        {
            case ShardClaim.Inserted:
                Interlocked.Increment(ref _count);
                return ValueTask.FromResult(ReplayClaim.FirstUse);
            case ShardClaim.Reused:
                return ValueTask.FromResult(ReplayClaim.FirstUse);
            case ShardClaim.SameCaller:
                return ValueTask.FromResult(ReplayClaim.SameCaller);
            case ShardClaim.Replayed:
                return ValueTask.FromResult(ReplayClaim.Replayed);
            default:
                return ValueTask.FromResult(ReplayClaim.Unavailable);
        }
    }

    private static Fingerprint CallerFingerprint(string caller)
    {
        if (!string.Equals(t_lastCaller, caller, StringComparison.Ordinal))
        {
            t_lastCallerFingerprint = Fingerprint.Of(caller);
            t_lastCaller = caller;
        }

        return t_lastCallerFingerprint;
    }

    /// <summary>Drops expired records from every shard, at most once a second.</summary>
    private void SweepAll(long nowTicks)
    {
        var next = Interlocked.Read(ref _nextFullSweep);
        if (nowTicks < next || Interlocked.CompareExchange(ref _nextFullSweep, nowTicks + TimeSpan.TicksPerSecond, next) != next)
        {
            return;
        }

        foreach (var shard in _shards)
        {
            var removed = shard.Sweep(nowTicks);
            if (removed > 0)
            {
                Interlocked.Add(ref _count, -removed);
            }
        }
    }
}
