using System.Buffers;
using System.Text.Json;
using PhiGate.Redaction.Operators;

namespace PhiGate.Redaction.Json;

/// <summary>
/// Feeds a <see cref="JsonRedactionSession"/> from a stream in chunks (reader state carried between
/// chunks) and drains its output to a stream, so memory stays bounded by the largest single token.
/// </summary>
internal sealed class StreamingJsonRedaction(Stream output, OperatorContext operators) : IDisposable
{
    private const int ChunkSize = 64 * 1024;
    private const int MaxTokenSize = 64 * 1024 * 1024;
    private readonly JsonRedactionSession _session = new();
    private readonly ArrayBufferWriter<byte> _pending = new(ChunkSize * 2);
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);

    public async Task<RedactionResult> RunAsync(Stream input, long maxBytes, CancellationToken cancellationToken)
    {
        _session.Begin(_pending, operators);
        var state = new JsonReaderState(JsonRedactionSession.ReaderOptions);
        var filled = 0;
        long total = 0;
        var final = false;
        while (!final)
        {
            if (filled == _buffer.Length)
            {
                if (_buffer.Length >= MaxTokenSize)
                {
                    return RedactionResult.Failed(RedactionStatus.TooLarge);
                }

                var bigger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
                _buffer.AsSpan(0, filled).CopyTo(bigger);
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = bigger;
            }

            var read = await input.ReadAsync(_buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false);
            total += read;
            if (maxBytes > 0 && total > maxBytes)
            {
                return RedactionResult.Failed(RedactionStatus.TooLarge);
            }

            final = read == 0;
            filled += read;
            var step = Step(ref state, filled, final);
            if (step.Status != RedactionStatus.Ok)
            {
                return RedactionResult.Failed(step.Status);
            }

            var consumed = (int)step.Consumed;
            _buffer.AsSpan(consumed, filled - consumed).CopyTo(_buffer);
            filled -= consumed;
            if (_pending.WrittenCount > 0)
            {
                await output.WriteAsync(_pending.WrittenMemory, cancellationToken).ConfigureAwait(false);
                _pending.ResetWrittenCount();
            }
        }

        return new RedactionResult(RedactionStatus.Ok, _session.Counts);
    }

    public void Dispose()
    {
        _session.Dispose();
        ArrayPool<byte>.Shared.Return(_buffer);
    }

    private (RedactionStatus Status, long Consumed) Step(ref JsonReaderState state, int filled, bool final)
    {
        var reader = new Utf8JsonReader(_buffer.AsSpan(0, filled), final, state);
        try
        {
            if (!_session.Pump(ref reader))
            {
                return (RedactionStatus.TooDeep, 0);
            }

            _session.Flush();
            if (final && (!_session.IsComplete || reader.BytesConsumed != filled))
            {
                return (RedactionStatus.InvalidJson, 0);
            }
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException)
        {
            return (RedactionStatus.InvalidJson, 0);
        }

        // Tokens end on character boundaries, so the consumed part is whole UTF-8 sequences.
        if (!System.Text.Unicode.Utf8.IsValid(_buffer.AsSpan(0, (int)reader.BytesConsumed)))
        {
            return (RedactionStatus.InvalidJson, 0);
        }

        state = reader.CurrentState;
        return (RedactionStatus.Ok, reader.BytesConsumed);
    }
}
