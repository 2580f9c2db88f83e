namespace PhiGate.Authz.Replay;

/// <summary>One lock's worth of <see cref="MemoryReplayStore"/>: a linear-probing table of <see cref="ReplayRecord"/> structs.</summary>
/// <remarks>
/// An empty slot (expiry 0) ends a probe chain, so records are never removed one by one: an expired record stays
/// in its chain until an insert on that chain takes its slot or a <see cref="Sweep"/> rebuilds the table. At most
/// four fifths of the slots are occupied, so every chain ends and stays short.
/// </remarks>
internal sealed class ReplayShard
{
    private readonly Lock _lock = new();
    private readonly int _limit;
    private ReplayRecord[] _slots;
    private int _occupied;

    public ReplayShard(int expectedRecords)
    {
        // Room for 20% more than an even share of the store before the shard counts as full.
        var size = Math.Max(8, (expectedRecords * 3 / 2) + 1);
        _slots = new ReplayRecord[size];
        _limit = Math.Max(expectedRecords + 1, size * 4 / 5);
    }

    public ShardClaim Claim(in ReplayRecord record, ReplayMode mode, long nowTicks, bool roomLeft)
    {
        lock (_lock)
        {
            var slots = _slots;
            var i = SlotOf(record.Key, slots.Length);
            var reusable = -1;
            while (slots[i].ExpiresTicks != 0)
            {
                ref var slot = ref slots[i];
                if (slot.Key == record.Key)
                {
                    if (slot.ExpiresTicks > nowTicks)
                    {
                        return mode == ReplayMode.Bind && slot.Caller == record.Caller ? ShardClaim.SameCaller : ShardClaim.Replayed;
                    }

                    slot = record;
                    return ShardClaim.Reused;
                }

                if (reusable < 0 && slot.ExpiresTicks <= nowTicks)
                {
                    reusable = i;
                }

                i = i + 1 == slots.Length ? 0 : i + 1;
            }

            // The whole chain was walked, so the key is not held: an expired slot on it can take the record.
            if (reusable >= 0)
            {
                slots[reusable] = record;
                return ShardClaim.Reused;
            }

            if (!roomLeft || _occupied >= _limit)
            {
                return ShardClaim.Full;
            }

            slots[i] = record;
            _occupied++;
            return ShardClaim.Inserted;
        }
    }

    /// <summary>Rebuilds the table without its expired records; returns how many were dropped.</summary>
    public int Sweep(long nowTicks)
    {
        lock (_lock)
        {
            var old = _slots;
            var rebuilt = new ReplayRecord[old.Length];
            var kept = 0;
            foreach (ref readonly var record in old.AsSpan())
            {
                if (record.ExpiresTicks > nowTicks)
                {
                    var i = SlotOf(record.Key, rebuilt.Length);
                    while (rebuilt[i].ExpiresTicks != 0)
                    {
                        i = i + 1 == rebuilt.Length ? 0 : i + 1;
                    }

                    rebuilt[i] = record;
                    kept++;
                }
            }

            var removed = _occupied - kept;
            _slots = rebuilt;
            _occupied = kept;
            return removed;
        }
    }

    /// <summary>Maps 32 well-mixed bits onto the table without a division.</summary>
    private static int SlotOf(Fingerprint key, int length) => (int)(((key.Low >> 32) * (ulong)length) >> 32);
}

/// <summary>What a shard did with a claim.</summary>
internal enum ShardClaim
{
    Inserted,
    Reused,
    SameCaller,
    Replayed,
    Full,
}

/// <summary>A recorded jti use: who used it first and when the record may go. Expiry 0 marks an empty slot.</summary>
internal readonly record struct ReplayRecord(Fingerprint Key, Fingerprint Caller, long ExpiresTicks);
