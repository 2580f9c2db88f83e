using System.Buffers;
using System.Globalization;
using Envoy.Extensions.Filters.Http.ExtProc.V3;
using Envoy.Service.ExtProc.V3;
using Envoy.Type.V3;
using Google.Protobuf;
using PhiGate.Audit;
using PhiGate.Redaction;
using BodyMode = Envoy.Extensions.Filters.Http.ExtProc.V3.ProcessingMode.Types.BodySendMode;

namespace PhiGate.ExtProc.Redaction;

internal sealed partial class RedactionExchangeHandler
{
    private static readonly ByteString FailedBody = ByteString.CopyFromUtf8("bad gateway: the response could not be made safe to return\n");
    private static readonly string[] RemovedResponseHeaders = ["server", "x-powered-by", "content-md5", "digest", "content-digest", "repr-digest"];

    private BodyFormat _format;
    private BodyEncoding _encoding;
    private bool _redactBody;
    private bool _bufferedOverride;
    private ArrayBufferWriter<byte>? _chunks;

    public override ValueTask<ProcessingResponse> OnResponseHeadersAsync(ProcessingRequest message, CancellationToken cancellationToken)
    {
        ReadProfile(message);
        var headers = message.ResponseHeaders;
        var mutation = new HeaderMutation();
        mutation.SetHeaders.Add(HeaderMutations.Set("cache-control", "no-store"));
        mutation.SetHeaders.Add(HeaderMutations.Set("pragma", "no-cache"));
        foreach (var name in RemovedResponseHeaders)
        {
            if (HeaderMutations.Find(headers, name) is not null)
            {
                mutation.RemoveHeaders.Add(name);
            }
        }

        var response = new ProcessingResponse { ResponseHeaders = new HeadersResponse { Response = Continue() } };
        response.ResponseHeaders.Response.HeaderMutation = mutation;
        if (headers.EndOfStream)
        {
            return ValueTask.FromResult(response);
        }

        _encoding = BodyCodec.Parse(HeaderMutations.Find(headers, "content-encoding"));
        _format = BodyFormats.FromContentType(HeaderMutations.Find(headers, "content-type") ?? string.Empty);
        if (_format == BodyFormat.Unsupported)
        {
            return ValueTask.FromResult(IsPassthrough(HeaderMutations.Find(headers, "content-type")) ? response : FailClosed(ResponseRefusal.UnredactableContentType));
        }

        if (_encoding == BodyEncoding.Unsupported)
        {
            return ValueTask.FromResult(FailClosed(ResponseRefusal.UnsupportedEncoding));
        }

        if (long.TryParse(HeaderMutations.Find(headers, "content-length"), NumberStyles.None, CultureInfo.InvariantCulture, out var length) && length > services.Options.MaxBodyBytes)
        {
            return ValueTask.FromResult(FailClosed(ResponseRefusal.TooLarge));
        }

        // FULL_DUPLEX_STREAMED cannot be overridden (envoy-wire.md §5.10) and its trailers answer cannot
        // carry the held body: refuse rather than pass or drop it.
        if (Protocol?.ResponseBodyMode == BodyMode.FullDuplexStreamed)
        {
            return ValueTask.FromResult(FailClosed(ResponseRefusal.StreamingModeNotSupported));
        }

        // Ask for the whole body in one message; body modes in an override are literal (envoy-wire.md §5.10).
        _redactBody = true;
        _bufferedOverride = true;
        response.ModeOverride = new ProcessingMode
        {
            RequestBodyMode = Protocol?.RequestBodyMode ?? BodyMode.None,
            ResponseBodyMode = BodyMode.Buffered,
        };
        return ValueTask.FromResult(response);
    }

    public override ValueTask<ProcessingResponse> OnResponseBodyAsync(ProcessingRequest message, CancellationToken cancellationToken)
    {
        if (!_redactBody)
        {
            return base.OnResponseBodyAsync(message, cancellationToken);
        }

        var body = message.ResponseBody;
        var mode = _bufferedOverride ? BodyMode.Buffered : Protocol?.ResponseBodyMode ?? BodyMode.Buffered;

        if (mode is BodyMode.BufferedPartial && !body.EndOfStream)
        {
            // Envoy cut the body at its buffer limit: what follows would pass unprocessed.
            return ValueTask.FromResult(FailClosed(ResponseRefusal.TooLarge));
        }

        var held = _chunks?.WrittenCount ?? 0;
        if (held + (long)body.Body.Length > services.Options.MaxBodyBytes)
        {
            return ValueTask.FromResult(FailClosed(ResponseRefusal.TooLarge));
        }

        var configured = Protocol?.ResponseBodyMode ?? BodyMode.Buffered;
        var whole = body.EndOfStream || configured is BodyMode.Buffered or BodyMode.BufferedPartial;
        if (whole && held == 0)
        {
            // The usual case: one BUFFERED message holds the whole body; no copy is made.
            return ValueTask.FromResult(RedactBody(body.Body.Memory, mode));
        }

        _chunks ??= new ArrayBufferWriter<byte>(Math.Max(body.Body.Length * 2, 256));
        _chunks.Write(body.Body.Span);
        if (whole)
        {
            return ValueTask.FromResult(RedactBody(_chunks.WrittenMemory, mode));
        }

        // Envoy may not have honoured the override (allow_mode_override off): a chunk without end_of_stream
        // is then one of several STREAMED chunks, unless it is a whole JSON document followed by trailers.
        if (_bufferedOverride && _format == BodyFormat.Json && TryRedactWhole(out var answer))
        {
            return ValueTask.FromResult(answer);
        }

        var streamedMode = configured == BodyMode.FullDuplexStreamed ? configured : BodyMode.Streamed;
        _bufferedOverride = false;
        return ValueTask.FromResult(HoldChunk(streamedMode));
    }

    private bool TryRedactWhole(out ProcessingResponse answer)
    {
        answer = null!;
        if (_encoding != BodyEncoding.Identity)
        {
            return false;
        }

        var probe = new ArrayBufferWriter<byte>(_chunks!.WrittenCount + 256);
        if (!services.Redactor.Redact(_chunks.WrittenSpan, _format, probe, _profile).Succeeded)
        {
            return false;
        }

        answer = RedactBody(_chunks.WrittenMemory, BodyMode.Buffered);
        return true;
    }

    public override ValueTask<ProcessingResponse> OnResponseTrailersAsync(ProcessingRequest message, CancellationToken cancellationToken)
    {
        // STREAMED with trailers: no chunk carried end_of_stream, so the held body was never released.
        // Envoy resets the stream on this answer: the client gets nothing rather than a truncated body.
        if (_redactBody && !_bufferedOverride && _chunks is { WrittenCount: > 0 })
        {
            return ValueTask.FromResult(FailClosed(ResponseRefusal.StreamingModeNotSupported));
        }

        return base.OnResponseTrailersAsync(message, cancellationToken);
    }

    /// <summary>STREAMED: answer earlier chunks with an empty body; the last answer carries the whole redacted body.</summary>
    private static ProcessingResponse HoldChunk(BodyMode mode)
    {
        var common = Continue();
        common.BodyMutation = mode == BodyMode.FullDuplexStreamed
            ? new BodyMutation { StreamedResponse = new StreamedBodyResponse { Body = ByteString.Empty, EndOfStream = false } }
            : new BodyMutation { ClearBodyFlag = true };
        return new ProcessingResponse { ResponseBody = new BodyResponse { Response = common } };
    }

    private ProcessingResponse RedactBody(ReadOnlyMemory<byte> received, BodyMode mode)
    {
        var decoded = BodyCodec.Decode(received, _encoding, services.Options.MaxBodyBytes);
        if (decoded is null)
        {
            return FailClosed(_encoding == BodyEncoding.Identity ? ResponseRefusal.TooLarge : ResponseRefusal.CorruptEncoding);
        }

        var output = new ArrayBufferWriter<byte>(decoded.Value.Length + 256);
        var result = services.Redactor.Redact(decoded.Value.Span, _format, output, _profile);
        if (!result.Succeeded)
        {
            return FailClosed(ResponseRefusal.InvalidBody);
        }

        var encoded = _encoding == BodyEncoding.Identity
            ? UnsafeByteOperations.UnsafeWrap(output.WrittenMemory)
            : UnsafeByteOperations.UnsafeWrap(BodyCodec.Encode(output.WrittenSpan, _encoding));
        var action = result.Counts.Total > 0 ? RedactionAction.Redacted : RedactionAction.Passed;
        if (!Record(RedactionDirection.Response, action, null, result.Counts))
        {
            return AuditUnavailable();
        }

        RedactionMetrics.Count(result);
        ExtProcLog.BodyRedacted(logger, _format, decoded.Value.Length, output.WrittenCount, result.Counts.Total);

        var common = Continue();
        if (mode == BodyMode.FullDuplexStreamed)
        {
            common.BodyMutation = new BodyMutation { StreamedResponse = new StreamedBodyResponse { Body = encoded, EndOfStream = true } };
        }
        else
        {
            common.BodyMutation = new BodyMutation { Body = encoded };

            // Envoy compares content-length with the new body after applying this mutation (envoy-wire.md §5.5).
            common.HeaderMutation = new HeaderMutation();
            common.HeaderMutation.SetHeaders.Add(HeaderMutations.Set("content-length", encoded.Length.ToString(CultureInfo.InvariantCulture)));
        }

        return new ProcessingResponse { ResponseBody = new BodyResponse { Response = common } };
    }

    private ProcessingResponse FailClosed(ResponseRefusal reason)
    {
        ExtProcLog.ResponseRefused(logger, reason);
        RedactionMetrics.Bodies.WithLabels(reason.ToString()).Inc();
        Record(RedactionDirection.Response, RedactionAction.Blocked, reason.ToString(), default);
        return Refuse(StatusCode.BadGateway, FailedBody, "phigate_redaction_failed");
    }

    private bool IsPassthrough(string? contentType)
    {
        if (contentType is null)
        {
            return false;
        }

        var semicolon = contentType.IndexOf(';', StringComparison.Ordinal);
        var mediaType = (semicolon >= 0 ? contentType[..semicolon] : contentType).Trim();
        foreach (var allowed in services.Options.PassthroughContentTypes)
        {
            if (allowed.EndsWith("/*", StringComparison.Ordinal)
                ? mediaType.StartsWith(allowed[..^1], StringComparison.OrdinalIgnoreCase)
                : mediaType.Equals(allowed, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
