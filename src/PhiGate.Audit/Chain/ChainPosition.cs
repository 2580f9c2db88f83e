namespace PhiGate.Audit;

/// <summary>
/// Where the chain stands: the last record's sequence number and hash, and the first sequence number
/// that no checkpoint covers yet. A value type so a batch can be built on a copy and committed only
/// once it is durably written.
/// </summary>
internal readonly record struct ChainPosition(long Sequence, string Hash, long FirstUnsigned)
{
    public static ChainPosition Genesis => new(0, RecordLayout.GenesisHash, 1);

    /// <summary>Records written since the last checkpoint.</summary>
    public long UnsignedCount => Sequence - FirstUnsigned + 1;
}
