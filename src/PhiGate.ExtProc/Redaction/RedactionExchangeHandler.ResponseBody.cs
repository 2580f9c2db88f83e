using System.Globalization;
using Envoy.Service.ExtProc.V3;
using Envoy.Type.V3;
using Google.Protobuf;
using PhiGate.Audit;
using PhiGate.Redaction;

namespace PhiGate.ExtProc.Redaction;

/// <summary>
/// response_body and response_trailers: collect the body as the plan says, redact it whole, answer in the
/// shape the body mode requires (envoy-wire.md §5.4, §5.5). Nothing unredacted is ever handed back.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001:Types that own disposable fields should be disposable", Justification = "The stream's end (OnCompletedAsync) returns the pooled buffers; the handler lives exactly as long as the stream.")]
internal sealed partial class RedactionExchangeHandler
{
    private static readonly ByteString FailedBody = ByteString.CopyFromUtf8("bad gateway: the response could not be made safe to return\n");

    private PooledBodyWriter? _held;
    private PooledBodyWriter? _output;
    private bool _bodyAnswered;

    public override ValueTask<ProcessingResponse> OnResponseBodyAsync(ProcessingRequest message, CancellationToken cancellationToken)
    {
        if (_plan == ResponseBodyPlan.Pass)
        {
            return base.OnResponseBodyAsync(message, cancellationToken);
        }

        return ValueTask.FromResult(AnswerBodyChunk(message.ResponseBody));
    }

    public override ValueTask<ProcessingResponse> OnResponseTrailersAsync(ProcessingRequest message, CancellationToken cancellationToken)
    {
        if (_plan is ResponseBodyPlan.Streamed or ResponseBodyPlan.FullDuplex && !_bodyAnswered && _held is { WrittenCount: > 0 })
        {
            if (_plan == ResponseBodyPlan.Streamed)
            {
                // No chunk carried end_of_stream, and Envoy sends trailers only after every chunk was answered
                // (cleared): the body cannot be released any more. The answer resets the stream downstream.
                return ValueTask.FromResult(FailClosed(ResponseRefusal.StreamEndedInTrailers));
            }

            // FULL_DUPLEX_STREAMED: the body goes back now, without end_of_stream because trailers follow;
            // Envoy accepts the trailers answer while it still waits for body data.
            var body = RedactHeld(endOfStream: false);
            if (body.ResponseCase == ProcessingResponse.ResponseOneofCase.ImmediateResponse)
            {
                return ValueTask.FromResult(body);
            }

            SendBefore(body);
        }

        return base.OnResponseTrailersAsync(message, cancellationToken);
    }

    private ProcessingResponse AnswerBodyChunk(HttpBody chunk)
    {
        if (_bodyAnswered)
        {
            // Every plan answers the body once, on its last message; anything after it is not Envoy's order.
            return FailClosed(ResponseRefusal.InvalidBody);
        }

        var held = _held?.WrittenCount ?? 0;
        if (held + (long)chunk.Body.Length > services.Options.MaxBodyBytes)
        {
            return FailClosed(ResponseRefusal.TooLarge);
        }

        switch (_plan)
        {
            case ResponseBodyPlan.Whole:
                // BUFFERED sends one message; without end_of_stream trailers follow. After BUFFERED_PARTIAL
                // (override maybe not honoured) it may instead have been cut at Envoy's limit: refuse.
                return !chunk.EndOfStream && _bodyMayBeCut ? FailClosed(ResponseRefusal.TooLarge) : RedactWhole(chunk.Body.Memory, endOfStream: true);
            case ResponseBodyPlan.Streamed when !chunk.EndOfStream:
                Hold(chunk);
                return Cleared();
            case ResponseBodyPlan.FullDuplex when !chunk.EndOfStream:
                Hold(chunk);
                return StreamedBack(ByteString.Empty, endOfStream: false);
            default:
                // The chunk with end_of_stream: the usual single-chunk body is redacted in place, without a copy.
                if (_held is null)
                {
                    return RedactWhole(chunk.Body.Memory, endOfStream: true);
                }

                Hold(chunk);
                return RedactHeld(endOfStream: true);
        }
    }

    private void Hold(HttpBody chunk)
    {
        _held ??= new PooledBodyWriter(Math.Max(chunk.Body.Length * 4, 16 * 1024));
        _held.Write(chunk.Body.Span);
    }

    private ProcessingResponse RedactHeld(bool endOfStream) => RedactWhole(_held!.WrittenMemory, endOfStream);

    /// <summary>Decodes, redacts, re-encodes and audits the whole body; answers in the plan's shape.</summary>
    private ProcessingResponse RedactWhole(ReadOnlyMemory<byte> received, bool endOfStream)
    {
        _bodyAnswered = true;
        if (received.IsEmpty)
        {
            // No bytes at all (a trailers-only or zero-length response): nothing to redact or to parse.
            return Record(RedactionDirection.Response, RedactionAction.Passed, null, default) ? BodyAnswer(ByteString.Empty, endOfStream) : AuditUnavailable();
        }

        var decoded = BodyCodec.Decode(received, _encoding, services.Options.MaxBodyBytes);
        if (decoded is null)
        {
            return FailClosed(_encoding == BodyEncoding.Identity ? ResponseRefusal.TooLarge : ResponseRefusal.CorruptEncoding);
        }

        _output = new PooledBodyWriter(decoded.Value.Length + 256);
        var result = services.Redactor.Redact(decoded.Value.Span, _format, _output, _profile);
        if (!result.Succeeded)
        {
            return FailClosed(ResponseRefusal.InvalidBody);
        }

        // The answer refers to the pooled output without copying it; the buffer goes back to the pool only
        // when the stream has ended, after the answer was written (OnCompletedAsync).
        var encoded = _encoding == BodyEncoding.Identity
            ? UnsafeByteOperations.UnsafeWrap(_output.WrittenMemory)
            : UnsafeByteOperations.UnsafeWrap(BodyCodec.Encode(_output.WrittenSpan, _encoding));
        var action = result.Counts.Total > 0 ? RedactionAction.Redacted : RedactionAction.Passed;
        if (!Record(RedactionDirection.Response, action, null, result.Counts))
        {
            return AuditUnavailable();
        }

        RedactionMetrics.Count(result);
        ExtProcLog.BodyRedacted(logger, _format, decoded.Value.Length, _output.WrittenCount, result.Counts.Total);
        return BodyAnswer(encoded, endOfStream);
    }

    private ProcessingResponse BodyAnswer(ByteString body, bool endOfStream)
    {
        if (_plan == ResponseBodyPlan.FullDuplex)
        {
            return StreamedBack(body, endOfStream);
        }

        var common = Continue();
        common.BodyMutation = new BodyMutation { Body = body };
        if (_plan == ResponseBodyPlan.Whole)
        {
            // Envoy still holds the headers and compares content-length with the new body after applying
            // this mutation (envoy-wire.md §5.5). In STREAMED the headers are gone and Envoy drops the length.
            common.HeaderMutation = new HeaderMutation();
            common.HeaderMutation.SetHeaders.Add(HeaderMutations.Set("content-length", body.Length.ToString(CultureInfo.InvariantCulture)));
        }

        return new ProcessingResponse { ResponseBody = new BodyResponse { Response = common } };
    }

    /// <summary>STREAMED: this chunk is held back, Envoy forwards nothing for it.</summary>
    private static ProcessingResponse Cleared()
    {
        var common = Continue();
        common.BodyMutation = new BodyMutation { ClearBodyFlag = true };
        return new ProcessingResponse { ResponseBody = new BodyResponse { Response = common } };
    }

    private static ProcessingResponse StreamedBack(ByteString body, bool endOfStream)
    {
        var common = Continue();
        common.BodyMutation = new BodyMutation { StreamedResponse = new StreamedBodyResponse { Body = body, EndOfStream = endOfStream } };
        return new ProcessingResponse { ResponseBody = new BodyResponse { Response = common } };
    }

    /// <summary>Notes a body that never came out whole, and returns the pooled buffers.</summary>
    public override ValueTask OnCompletedAsync(ExchangeOutcome outcome)
    {
        if (outcome == ExchangeOutcome.Completed && _plan != ResponseBodyPlan.Pass && !_bodyAnswered)
        {
            if (_held is { WrittenCount: > 0 })
            {
                // STREAMED with trailers that Envoy does not send (trailer mode SKIP): no chunk carried
                // end_of_stream, so the cleared body was never released. The client got no body, no PHI.
                ExtProcLog.BodyWithheld(logger, _held.WrittenCount);
                RedactionMetrics.Refused(ResponseRefusal.BodyNeverEnded);
                Record(RedactionDirection.Response, RedactionAction.Blocked, nameof(ResponseRefusal.BodyNeverEnded), default);
            }
            else if (_plan == ResponseBodyPlan.Whole && _askedForBody)
            {
                // mode_override asked for the body and none came: Envoy did not honour it (or the body was empty).
                ExtProcLog.BodyNotInspected(logger);
                Record(RedactionDirection.Response, RedactionAction.Passed, "body_not_sent", default);
            }
        }

        _held?.Dispose();
        _output?.Dispose();
        return base.OnCompletedAsync(outcome);
    }

    private ProcessingResponse FailClosed(ResponseRefusal reason)
    {
        _bodyAnswered = true;
        ExtProcLog.ResponseRefused(logger, reason);
        RedactionMetrics.Refused(reason);
        Record(RedactionDirection.Response, RedactionAction.Blocked, reason.ToString(), default);
        return Refuse(StatusCode.BadGateway, FailedBody, "phigate_redaction_failed");
    }
}
