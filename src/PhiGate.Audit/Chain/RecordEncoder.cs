using System.Buffers;
using System.Buffers.Text;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace PhiGate.Audit;

/// <summary>
/// Turns events into chained record lines (see <see cref="RecordLayout"/>) in two steps: the event's
/// body (everything after <c>seq</c> and before <c>prev</c>), and the chain around it (sequence number,
/// previous hash, own hash). Instances are for the single writer thread and are not thread-safe; the
/// static <see cref="Encode(DateTimeOffset, DecisionEvent)"/> overloads are, and run on request threads.
/// </summary>
/// <remarks>
/// The trail encodes a body when it accepts an event, while the event is still in the request thread's
/// cache, and queues the bytes: the event's objects die young instead of waiting for the writer, and the
/// writer only copies, numbers and hashes.
/// </remarks>
internal sealed partial class RecordEncoder : IDisposable
{
    /// <summary>Plain fields are identifiers, not payloads: anything longer is cut.</summary>
    internal const int MaxPlainLength = 256;

    /// <summary>Identifier digests kept per redaction event; the rest is only counted.</summary>
    internal const int MaxIdentifiers = 256;

    /// <summary><c>{"v":1,"seq":</c>, the start of every record.</summary>
    private static readonly byte[] SequenceOpening = Encoding.UTF8.GetBytes($"{{\"v\":{RecordLayout.SchemaVersion},\"seq\":");

    private static readonly SearchValues<char> HashAlphabet = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    [ThreadStatic]
    private static RecordWriter? t_body;

    private readonly RecordWriter _json = new();
    private readonly IncrementalHash _sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    /// <summary>A decision event's body, tagged for the queue (request thread).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static byte[] Encode(DateTimeOffset time, DecisionEvent auditEvent)
    {
        var json = t_body ??= new RecordWriter();
        BeginBody(json, time, RecordType.Decision);
        WriteDecision(json, auditEvent);
        return QueuedRecord.Create(RecordType.Decision, json.Written);
    }

    /// <summary>A redaction event's body, tagged for the queue (request thread).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static byte[] Encode(DateTimeOffset time, RedactionEvent auditEvent)
    {
        var json = t_body ??= new RecordWriter();
        BeginBody(json, time, RecordType.Redaction);
        WriteRedaction(json, auditEvent);
        return QueuedRecord.Create(RecordType.Redaction, json.Written);
    }

    /// <summary>Chains a body made by <see cref="Encode(DateTimeOffset, DecisionEvent)"/> and appends the line.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ChainPosition AppendQueued(IBufferWriter<byte> output, ChainPosition at, byte[] record) => Chain(output, at, QueuedRecord.BodyOf(record));

    public ChainPosition AppendDecision(IBufferWriter<byte> output, ChainPosition at, DateTimeOffset time, DecisionEvent auditEvent)
    {
        BeginBody(_json, time, RecordType.Decision);
        WriteDecision(_json, auditEvent);
        return Chain(output, at, _json.Written);
    }

    public ChainPosition AppendRedaction(IBufferWriter<byte> output, ChainPosition at, DateTimeOffset time, RedactionEvent auditEvent)
    {
        BeginBody(_json, time, RecordType.Redaction);
        WriteRedaction(_json, auditEvent);
        return Chain(output, at, _json.Written);
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
        Span<byte> timeBytes = stackalloc byte[RecordLayout.TimeLength];
        var length = Encoding.UTF8.GetBytes(timeText, timeBytes);
        _json.StartBody();
        _json.Ascii(RecordNames.Time, timeBytes[..length]);
        _json.String(RecordNames.Type, RecordNames.Of(RecordType.Checkpoint));
        _json.Number(RecordNames.From, at.FirstUnsigned);
        _json.Number(RecordNames.To, at.Sequence);
        _json.String(RecordNames.Head, at.Hash);
        _json.String(RecordNames.Reason, reasonName);
        _json.String(RecordNames.KeyId, signingKey.Id);
        _json.String(RecordNames.Signature, signature);
        var next = Chain(output, at, _json.Written);
        return next with { FirstUnsigned = next.Sequence + 1 };
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void BeginBody(RecordWriter json, DateTimeOffset time, RecordType type)
    {
        Span<byte> timeText = stackalloc byte[RecordLayout.TimeLength];
        RecordLayout.FormatTime(time, timeText);
        json.StartBody();
        json.Ascii(RecordNames.Time, timeText);
        json.String(RecordNames.Type, RecordNames.Of(type));
    }

    /// <summary>
    /// <c>{"v":1,"seq":N</c> + body + <c>,"prev":"P"</c>, hashed, then <c>,"hash":"H"}</c> and a newline,
    /// written straight into <paramref name="output"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private ChainPosition Chain(IBufferWriter<byte> output, ChainPosition at, ReadOnlySpan<byte> body)
    {
        // A head read back from a damaged file could hold anything: escape it rather than break the line.
        var prev = at.Hash.Length == RecordLayout.HashChars && !at.Hash.AsSpan().ContainsAnyExcept(HashAlphabet)
            ? default
            : JsonEncodedText.Encode(at.Hash, JavaScriptEncoder.Default);
        var prevLength = prev.EncodedUtf8Bytes.IsEmpty ? at.Hash.Length : prev.EncodedUtf8Bytes.Length;
        var line = output.GetSpan(SequenceOpening.Length + 20 + body.Length + RecordLayout.PrevOpening.Length + prevLength + 1 + RecordLayout.HashSuffixLength + 1);

        SequenceOpening.CopyTo(line);
        var offset = SequenceOpening.Length;
        Utf8Formatter.TryFormat(at.Sequence + 1, line[offset..], out var written);
        offset += written;
        body.CopyTo(line[offset..]);
        offset += body.Length;
        RecordLayout.PrevOpening.CopyTo(line[offset..]);
        offset += RecordLayout.PrevOpening.Length;
        if (prev.EncodedUtf8Bytes.IsEmpty)
        {
            Ascii.FromUtf16(at.Hash, line[offset..], out written);
            offset += written;
        }
        else
        {
            prev.EncodedUtf8Bytes.CopyTo(line[offset..]);
            offset += prev.EncodedUtf8Bytes.Length;
        }

        line[offset++] = (byte)'"';

        // Everything up to here is hashed; the hash then closes the object.
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        _sha256.AppendData(line[..offset]);
        _sha256.GetHashAndReset(digest);
        RecordLayout.HashOpening.CopyTo(line[offset..]);
        offset += RecordLayout.HashOpening.Length;
        Base64Url.EncodeToUtf8(digest, line[offset..]);
        var hash = Encoding.ASCII.GetString(line.Slice(offset, RecordLayout.HashChars));
        offset += RecordLayout.HashChars;
        line[offset++] = (byte)'"';
        line[offset++] = (byte)'}';
        line[offset++] = (byte)'\n';
        output.Advance(offset);

        return at with { Sequence = at.Sequence + 1, Hash = hash };
    }

    public void Dispose() => _sha256.Dispose();
}
