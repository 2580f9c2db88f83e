using System.Buffers;
using System.Text;
using System.Text.Json;
using PhiGate.Redaction.Detection;
using PhiGate.Redaction.Json;
using PhiGate.Redaction.Operators;
using PhiGate.Redaction.Profiles;
using PhiGate.Redaction.Text;

namespace PhiGate.Redaction;

/// <summary>
/// Redacts PHI from JSON (FHIR-aware), and plain-text bodies according to a <see cref="RedactionProfile"/>.
/// Thread-safe; create one and share it. Output written before a failed result must be discarded.
/// </summary>
public sealed class PhiRedactor
{
    [ThreadStatic]
    private static JsonRedactionSession? t_session;

    private readonly PseudonymKeyRing _keys;
    private readonly TimeProvider _time;

    /// <summary>Creates a redactor.</summary>
    /// <param name="keys">HMAC keys for the <c>hash</c> operator (null: hashing profiles redact instead).</param>
    /// <param name="time">Clock used for the "age over 89" rule on birth dates (null: system clock).</param>
    public PhiRedactor(PseudonymKeyRing? keys = null, TimeProvider? time = null)
    {
        _keys = keys ?? PseudonymKeyRing.Empty;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Redacts a body of the given format.</summary>
    public RedactionResult Redact(ReadOnlySpan<byte> body, BodyFormat format, IBufferWriter<byte> output, RedactionProfile profile) => format switch
    {
        BodyFormat.Json => RedactJson(body, output, profile),
        BodyFormat.Text => RedactText(body, output, profile),
        _ => RedactionResult.Failed(RedactionStatus.InvalidText),
    };

    /// <summary>
    /// Redacts one JSON document (FHIR resources and Bundles by their structure, other JSON by field names
    /// and value detectors). The output has the same shape; strings may change, redacted numbers become null.
    /// </summary>
    public RedactionResult RedactJson(ReadOnlySpan<byte> json, IBufferWriter<byte> output, RedactionProfile profile)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(profile);
        if (!System.Text.Unicode.Utf8.IsValid(json))
        {
            return RedactionResult.Failed(RedactionStatus.InvalidJson);
        }

        var session = t_session ??= new JsonRedactionSession();
        session.Begin(output, Context(profile));
        var reader = new Utf8JsonReader(json, isFinalBlock: true, new JsonReaderState(JsonRedactionSession.ReaderOptions));
        try
        {
            if (!session.Pump(ref reader))
            {
                return RedactionResult.Failed(RedactionStatus.TooDeep);
            }

            if (!session.IsComplete)
            {
                return RedactionResult.Failed(RedactionStatus.InvalidJson);
            }

            session.Flush();
            return new RedactionResult(RedactionStatus.Ok, session.Counts);
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException)
        {
            // Malformed input (syntax, invalid UTF-8): the message may quote the input, so it is dropped.
            return RedactionResult.Failed(RedactionStatus.InvalidJson);
        }
        finally
        {
            session.Begin(NullBufferWriter.Instance, Context(profile));
        }
    }

    /// <summary>
    /// Redacts a JSON document read from a stream, in one pass with bounded memory (apart from single
    /// tokens): Bundles of any size. <paramref name="maxBytes"/> bounds the input (0: unbounded).
    /// </summary>
    public async Task<RedactionResult> RedactJsonAsync(Stream input, Stream output, RedactionProfile profile, long maxBytes = 0, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(profile);
        using var streaming = new StreamingJsonRedaction(output, Context(profile));
        return await streaming.RunAsync(input, maxBytes, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Redacts UTF-8 plain text with the text detectors.</summary>
    public RedactionResult RedactText(ReadOnlySpan<byte> utf8Text, IBufferWriter<byte> output, RedactionProfile profile)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(profile);
        var strict = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        var chars = ArrayPool<char>.Shared.Rent(Math.Max(utf8Text.Length, 16));
        var rewritten = ArrayPool<char>.Shared.Rent(16);
        try
        {
            int length;
            try
            {
                length = strict.GetChars(utf8Text, chars);
            }
            catch (DecoderFallbackException)
            {
                return RedactionResult.Failed(RedactionStatus.InvalidText);
            }

            var text = chars.AsSpan(0, length);
            var matches = new List<PhiMatch>();
            TextDetector.Detect(text, matches);
            var counts = default(RedactionCounts);
            var written = TextRewriter.Rewrite(text, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(matches), Context(profile), ref rewritten, ref counts);
            var bytes = output.GetSpan(Encoding.UTF8.GetMaxByteCount(written));
            output.Advance(Encoding.UTF8.GetBytes(rewritten.AsSpan(0, written), bytes));
            return new RedactionResult(RedactionStatus.Ok, counts);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
            ArrayPool<char>.Shared.Return(rewritten);
        }
    }

    private OperatorContext Context(RedactionProfile profile) => new(profile, _keys, _time.GetUtcNow().Year);

    /// <summary>Detaches a pooled session from the caller's buffer between documents.</summary>
    private sealed class NullBufferWriter : IBufferWriter<byte>
    {
        public static readonly NullBufferWriter Instance = new();
        private readonly byte[] _scratch = new byte[256];

        public void Advance(int count)
        {
        }

        public Memory<byte> GetMemory(int sizeHint = 0) => sizeHint <= _scratch.Length ? _scratch : new byte[sizeHint];

        public Span<byte> GetSpan(int sizeHint = 0) => GetMemory(sizeHint).Span;
    }
}
