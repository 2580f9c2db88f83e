namespace PhiGate.Audit;

/// <summary>
/// An accepted event as it waits for the writer: one byte array, byte 0 its <see cref="RecordType"/>, the
/// rest its encoded record body (time, type and fields; see <see cref="RecordEncoder"/>).
/// </summary>
/// <remarks>
/// One reference-free array per event: it costs the collector nothing to trace while it waits out the
/// batch linger, and an array type lets the queue run the framework's shared, precompiled generic code.
/// </remarks>
internal static class QueuedRecord
{
    public static byte[] Create(RecordType type, ReadOnlySpan<byte> body)
    {
        var record = GC.AllocateUninitializedArray<byte>(body.Length + 1);
        record[0] = (byte)type;
        body.CopyTo(record.AsSpan(1));
        return record;
    }

    public static RecordType TypeOf(byte[] record) => (RecordType)record[0];

    public static ReadOnlySpan<byte> BodyOf(byte[] record) => record.AsSpan(1);
}
