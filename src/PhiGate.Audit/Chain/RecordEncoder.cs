using System.Buffers;
using System.Buffers.Text;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;

namespace PhiGate.Audit;

/// <summary>
/// Turns events into chained record lines (see <see cref="RecordLayout"/>). Used by the single writer
/// thread only; not thread-safe.
/// </summary>
internal sealed partial class RecordEncoder : IDisposable
{
    /// <summary>Plain fields are identifiers, not payloads: anything longer is cut.</summary>
    internal const int MaxPlainLength = 256;

    /// <summary>Identifier digests kept per redaction event; the rest is only counted.</summary>
    internal const int MaxIdentifiers = 256;

    private readonly RecordWriter _json = new();

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ChainPosition AppendDecision(IBufferWriter<byte> output, ChainPosition at, DateTimeOffset time, DecisionEvent auditEvent)
    {
        Begin(at, time, RecordType.Decision);
        WriteDecision(auditEvent);
        return Finish(output, at);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ChainPosition AppendRedaction(IBufferWriter<byte> output, ChainPosition at, DateTimeOffset time, RedactionEvent auditEvent)
    {
        Begin(at, time, RecordType.Redaction);
        WriteRedaction(auditEvent);
        return Finish(output, at);
    }

    /// <summary>
    /// Signs the records from <see cref="ChainPosition.FirstUnsigned"/> up to the current head and
    /// appends the checkpoint record. The new position has nothing unsigned except the checkpoint itself,
    /// which the next checkpoint covers through the chain.
    /// </summary>
    public ChainPosition AppendCheckpoint(IBufferWriter<byte> output, ChainPosition at, DateTimeOffset time, CheckpointReason reason, CheckpointSigningKey signingKey)
    {
        var timeText = RecordLayout.FormatTime(time);
        var reasonName = reason.Name();
        var signature = signingKey.Sign(RecordLayout.CheckpointPayload(at.FirstUnsigned, at.Sequence, at.Hash, timeText, reasonName));
        Begin(at, timeText, RecordType.Checkpoint);
        _json.Number(RecordNames.From, at.FirstUnsigned);
        _json.Number(RecordNames.To, at.Sequence);
        _json.String(RecordNames.Head, at.Hash);
        _json.String(RecordNames.Reason, reasonName);
        _json.String(RecordNames.KeyId, signingKey.Id);
        _json.String(RecordNames.Signature, signature);
        var next = Finish(output, at);
        return next with { FirstUnsigned = next.Sequence + 1 };
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Begin(ChainPosition at, DateTimeOffset time, RecordType type)
    {
        Span<byte> timeText = stackalloc byte[RecordLayout.TimeLength];
        RecordLayout.FormatTime(time, timeText);
        Begin(at, timeText, type);
    }

    private void Begin(ChainPosition at, string time, RecordType type)
    {
        Span<byte> timeText = stackalloc byte[RecordLayout.TimeLength];
        var length = System.Text.Encoding.UTF8.GetBytes(time, timeText);
        Begin(at, timeText[..length], type);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Begin(ChainPosition at, ReadOnlySpan<byte> time, RecordType type)
    {
        _json.Start();
        _json.Number(RecordNames.Version, RecordLayout.SchemaVersion);
        _json.Number(RecordNames.Sequence, at.Sequence + 1);
        _json.Ascii(RecordNames.Time, time);
        _json.String(RecordNames.Type, RecordNames.Of(type));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private ChainPosition Finish(IBufferWriter<byte> output, ChainPosition at)
    {
        _json.String(RecordNames.Prev, at.Hash);

        // Everything up to here is hashed; the hash then closes the object.
        var prefix = _json.Written;
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(prefix, digest);
        var hash = Base64Url.EncodeToString(digest);

        var line = output.GetSpan(prefix.Length + RecordLayout.HashSuffixLength + 1);
        prefix.CopyTo(line);
        var offset = prefix.Length;
        RecordLayout.HashOpening.CopyTo(line[offset..]);
        offset += RecordLayout.HashOpening.Length;
        Base64Url.EncodeToUtf8(digest, line[offset..]);
        offset += RecordLayout.HashChars;
        line[offset++] = (byte)'"';
        line[offset++] = (byte)'}';
        line[offset++] = (byte)'\n';
        output.Advance(offset);

        return at with { Sequence = at.Sequence + 1, Hash = hash };
    }

    public void Dispose()
    {
        // Nothing to release any more; kept so owners need not change when the writer does.
    }
}
