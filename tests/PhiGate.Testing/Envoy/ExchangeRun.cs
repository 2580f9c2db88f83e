using System.Globalization;
using Envoy.Config.Core.V3;
using Envoy.Extensions.Filters.Http.ExtProc.V3;
using Envoy.Service.ExtProc.V3;
using Google.Protobuf;
using Grpc.Core;
using BodyMode = Envoy.Extensions.Filters.Http.ExtProc.V3.ProcessingMode.Types.BodySendMode;
using HeaderMode = Envoy.Extensions.Filters.Http.ExtProc.V3.ProcessingMode.Types.HeaderSendMode;
using Answer = Envoy.Service.ExtProc.V3.ProcessingResponse.ResponseOneofCase;

namespace PhiGate.Testing.Envoy;

/// <summary>One ext_proc stream driven in Envoy's order (envoy-wire.md §5.2–5.7).</summary>
internal sealed class ExchangeRun(AsyncDuplexStreamingCall<ProcessingRequest, ProcessingResponse> call, HttpExchange exchange, ExtProcSettings settings)
{
    private readonly ProcessingMode _mode = settings.Mode.Clone();
    private bool _first = true;
    private bool _done;

    public ExchangeResult Result { get; } = new();

    public async Task RunAsync()
    {
        Result.RequestHeaders = [.. exchange.RequestHeaders];
        Result.RequestBody = Concat(exchange.RequestBody);
        Result.ResponseHeaders = [.. exchange.ResponseHeaders];
        Result.ResponseBody = Concat(exchange.ResponseBody);

        await RunDirectionAsync(request: true);
        if (!_done)
        {
            await RunDirectionAsync(request: false);
        }

        await call.RequestStream.CompleteAsync();
        await ExpectEndAsync();
    }

    private async Task RunDirectionAsync(bool request)
    {
        var headerMode = request ? _mode.RequestHeaderMode : _mode.ResponseHeaderMode;
        var headers = request ? exchange.RequestHeaders : exchange.ResponseHeaders;
        var chunks = request ? exchange.RequestBody : exchange.ResponseBody;
        var trailers = request ? exchange.RequestTrailers : exchange.ResponseTrailers;
        var hasBody = chunks.Sum(c => c.Length) > 0;
        var replaced = false;

        if (headerMode != HeaderMode.Skip)
        {
            var message = new ProcessingRequest
            {
                MetadataContext = exchange.MetadataContext?.Clone(),
            };
            var httpHeaders = new HttpHeaders { Headers = ToHeaderMap(headers), EndOfStream = !hasBody && trailers is null };
            if (request)
            {
                message.RequestHeaders = httpHeaders;
            }
            else
            {
                message.ResponseHeaders = httpHeaders;
            }

            var answer = await SendAndReceiveAsync(message, request ? Answer.RequestHeaders : Answer.ResponseHeaders);
            if (_done)
            {
                return;
            }

            // No answer at all only in observability mode: Envoy sends on without waiting.
            if (answer is not null)
            {
                replaced = ApplyHeadersAnswer(request, answer);
            }
        }

        if (replaced)
        {
            return;
        }

        var bodyMode = request ? _mode.RequestBodyMode : _mode.ResponseBodyMode;
        var trailerMode = request ? _mode.RequestTrailerMode : _mode.ResponseTrailerMode;
        if (hasBody && bodyMode == BodyMode.FullDuplexStreamed)
        {
            // Envoy drains chunks and trailers to the server as they come, and reads answers as they come.
            await SendFullDuplexAsync(request, chunks, trailers, trailerMode);
            return;
        }

        if (hasBody && bodyMode != BodyMode.None)
        {
            await SendBodyAsync(request, bodyMode, chunks, trailers is not null);
            if (_done)
            {
                return;
            }
        }

        if (trailers is not null && trailerMode == HeaderMode.Send)
        {
            var message = new ProcessingRequest();
            var httpTrailers = new HttpTrailers { Trailers = ToHeaderMap(trailers) };
            if (request)
            {
                message.RequestTrailers = httpTrailers;
            }
            else
            {
                message.ResponseTrailers = httpTrailers;
            }

            await SendAndReceiveAsync(message, request ? Answer.RequestTrailers : Answer.ResponseTrailers);
        }
    }

    private bool ApplyHeadersAnswer(bool request, ProcessingResponse answer)
    {
        var common = request ? answer.RequestHeaders.Response : answer.ResponseHeaders.Response;
        ApplyHeaderMutation(common?.HeaderMutation, request);
        if (answer.ModeOverride is { } mode && settings.AllowModeOverride && !settings.SendBodyWithoutWaitingForHeaderResponse)
        {
            ApplyOverride(mode);
        }

        if (common?.Status != CommonResponse.Types.ResponseStatus.ContinueAndReplace)
        {
            return false;
        }

        // CONTINUE_AND_REPLACE: the mutation is the whole body and Envoy sends nothing more this way (§5.5).
        if (common.BodyMutation is { } mutation)
        {
            SetBody(request, mutation.Body.ToByteArray());
            RemoveHeader(request, "content-length");
        }

        return true;
    }

    private async Task SendBodyAsync(bool request, BodyMode mode, List<byte[]> chunks, bool trailersFollow)
    {
        var expected = request ? Answer.RequestBody : Answer.ResponseBody;
        if (mode is BodyMode.Buffered or BodyMode.BufferedPartial)
        {
            var answer = await SendAndReceiveAsync(Body(request, Concat(chunks), endOfStream: !trailersFollow), expected);
            if (answer is not null && !_done)
            {
                ApplyBodyAnswer(request, answer, mode, buffered: true);
            }

            return;
        }

        // STREAMED: Envoy sends every chunk without waiting, and matches one answer to each chunk in order.
        for (var i = 0; i < chunks.Count; i++)
        {
            await WriteAsync(Body(request, chunks[i], endOfStream: i == chunks.Count - 1 && !trailersFollow));
        }

        var output = new List<byte[]>();
        RemoveHeader(request, "content-length");
        for (var i = 0; i < chunks.Count; i++)
        {
            var answer = await ReceiveAsync(expected);
            if (answer is null || _done)
            {
                // A reset keeps only what was forwarded before it.
                SetBody(request, Result.StreamReset ? Concat(output) : Concat([.. output, .. chunks.Skip(i)]));
                return;
            }

            var common = request ? answer.RequestBody.Response : answer.ResponseBody.Response;
            var mutation = common?.BodyMutation;
            if (mutation?.MutationCase == BodyMutation.MutationOneofCase.StreamedResponse)
            {
                throw new EnvoyProtocolViolationException("streamed_response is only valid in FULL_DUPLEX_STREAMED mode");
            }

            output.Add(mutation?.MutationCase switch
            {
                BodyMutation.MutationOneofCase.Body => mutation.Body.ToByteArray(),
                BodyMutation.MutationOneofCase.ClearBodyFlag => [],
                _ => chunks[i],
            });
        }

        SetBody(request, Concat(output));
    }

    /// <summary>
    /// FULL_DUPLEX_STREAMED (§5.4): chunks and trailers go out at once; the server answers with any number of
    /// streamed_response chunks, the last one with end_of_stream, or, when trailers follow, the trailers answer.
    /// </summary>
    private async Task SendFullDuplexAsync(bool request, List<byte[]> chunks, List<KeyValuePair<string, string>>? trailers, HeaderMode trailerMode)
    {
        if (trailers is not null && trailerMode != HeaderMode.Send)
        {
            throw new InvalidOperationException("FULL_DUPLEX_STREAMED requires trailer mode SEND (Envoy refuses the configuration)");
        }

        for (var i = 0; i < chunks.Count; i++)
        {
            await WriteAsync(Body(request, chunks[i], endOfStream: i == chunks.Count - 1 && trailers is null));
        }

        if (trailers is not null)
        {
            var httpTrailers = new HttpTrailers { Trailers = ToHeaderMap(trailers) };
            await WriteAsync(request ? new ProcessingRequest { RequestTrailers = httpTrailers } : new ProcessingRequest { ResponseTrailers = httpTrailers });
        }

        var output = new List<byte[]>();
        RemoveHeader(request, "content-length");
        var bodyAnswer = request ? Answer.RequestBody : Answer.ResponseBody;
        var trailersAnswer = request ? Answer.RequestTrailers : Answer.ResponseTrailers;
        while (true)
        {
            var answer = await ReceiveAsync(bodyAnswer, trailers is null ? null : trailersAnswer);
            if (answer is null || _done || answer.ResponseCase == trailersAnswer)
            {
                SetBody(request, Concat(output));
                return;
            }

            var mutation = (request ? answer.RequestBody.Response : answer.ResponseBody.Response)?.BodyMutation;
            if (mutation?.MutationCase != BodyMutation.MutationOneofCase.StreamedResponse)
            {
                throw new EnvoyProtocolViolationException("FULL_DUPLEX_STREAMED answers must carry body_mutation.streamed_response");
            }

            output.Add(mutation.StreamedResponse.Body.ToByteArray());
            if (mutation.StreamedResponse.EndOfStream)
            {
                if (trailers is not null)
                {
                    // Envoy would end the body before the trailers it still holds: they are then lost.
                    throw new EnvoyProtocolViolationException("streamed_response with end_of_stream while trailers follow");
                }

                SetBody(request, Concat(output));
                return;
            }
        }
    }

    private void ApplyBodyAnswer(bool request, ProcessingResponse answer, BodyMode mode, bool buffered)
    {
        var common = request ? answer.RequestBody.Response : answer.ResponseBody.Response;
        if (common is null)
        {
            return;
        }

        // In BUFFERED mode Envoy still holds the headers, so the body answer may mutate them (§5.5).
        if (buffered)
        {
            ApplyHeaderMutation(common.HeaderMutation, request);
        }

        var mutation = common.BodyMutation;
        if (mutation?.MutationCase == BodyMutation.MutationOneofCase.StreamedResponse)
        {
            throw new EnvoyProtocolViolationException("streamed_response is only valid in FULL_DUPLEX_STREAMED mode");
        }

        if (mutation is null || mutation.MutationCase == BodyMutation.MutationOneofCase.None)
        {
            return;
        }

        var newBody = mutation.MutationCase == BodyMutation.MutationOneofCase.Body ? mutation.Body.ToByteArray() : [];
        var headerMode = request ? _mode.RequestHeaderMode : _mode.ResponseHeaderMode;
        var headers = request ? Result.RequestHeaders : Result.ResponseHeaders;
        var contentLength = headers.FirstOrDefault(h => h.Key == "content-length").Value;
        if (mode == BodyMode.Buffered && headerMode != HeaderMode.Skip && contentLength is not null
            && contentLength != newBody.Length.ToString(CultureInfo.InvariantCulture))
        {
            throw new EnvoyProtocolViolationException(
                $"body mutation of {newBody.Length} bytes with content-length {contentLength}: Envoy answers 500 (§5.5)");
        }

        SetBody(request, newBody);
    }

    private void ApplyOverride(ProcessingMode mode)
    {
        // Header and trailer modes at DEFAULT mean "no change"; body modes are taken literally (§5.10).
        if (mode.ResponseHeaderMode != HeaderMode.Default)
        {
            _mode.ResponseHeaderMode = mode.ResponseHeaderMode;
        }

        if (mode.RequestTrailerMode != HeaderMode.Default)
        {
            _mode.RequestTrailerMode = mode.RequestTrailerMode;
        }

        if (mode.ResponseTrailerMode != HeaderMode.Default)
        {
            _mode.ResponseTrailerMode = mode.ResponseTrailerMode;
        }

        _mode.RequestBodyMode = mode.RequestBodyMode;
        _mode.ResponseBodyMode = mode.ResponseBodyMode;
    }

    private void ApplyHeaderMutation(HeaderMutation? mutation, bool request)
    {
        if (mutation is null)
        {
            return;
        }

        var headers = request ? Result.RequestHeaders : Result.ResponseHeaders;
        foreach (var name in mutation.RemoveHeaders)
        {
            if (name.StartsWith(':') || name.Equals("host", StringComparison.OrdinalIgnoreCase))
            {
                throw new EnvoyProtocolViolationException($"remove_headers may not name '{name}' (§5.6)");
            }

            headers.RemoveAll(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase));
        }

        foreach (var option in mutation.SetHeaders)
        {
            var header = option.Header ?? throw new EnvoyProtocolViolationException("set_headers entry without a header");
            if (!header.Value.Equals(string.Empty, StringComparison.Ordinal) && !header.RawValue.IsEmpty)
            {
                throw new EnvoyProtocolViolationException($"header '{header.Key}' sets both value and raw_value: Envoy answers 500 (§5.6)");
            }

            if (header.RawValue.IsEmpty && header.Value.Length > 0)
            {
                throw new EnvoyProtocolViolationException($"header '{header.Key}' uses value; ext_proc reads raw_value and would set it empty (§5.6)");
            }

            if (header.Key.Length == 0 || header.Key.Any(char.IsAsciiLetterUpper))
            {
                throw new EnvoyProtocolViolationException($"header name '{header.Key}' is not a lower-case HTTP/2 name");
            }

            var value = header.RawValue.ToStringUtf8();
            if (option.Append != true)
            {
                headers.RemoveAll(h => h.Key == header.Key);
            }

            headers.Add(new(header.Key, value));
        }
    }

    private async Task<ProcessingResponse?> SendAndReceiveAsync(ProcessingRequest message, Answer expected)
    {
        await WriteAsync(message);
        return await ReceiveAsync(expected);
    }

    private async Task WriteAsync(ProcessingRequest message)
    {
        if (_first && !settings.ObservabilityMode)
        {
            message.ProtocolConfig = new ProtocolConfiguration
            {
                RequestBodyMode = settings.Mode.RequestBodyMode,
                ResponseBodyMode = settings.Mode.ResponseBodyMode,
                SendBodyWithoutWaitingForHeaderResponse = settings.SendBodyWithoutWaitingForHeaderResponse,
            };
        }

        _first = false;
        message.ObservabilityMode = settings.ObservabilityMode;
        Result.Sent.Add(message);
        await call.RequestStream.WriteAsync(message);
    }

    private async Task<ProcessingResponse?> ReceiveAsync(Answer expected, Answer? alsoAccepted = null)
    {
        if (settings.ObservabilityMode)
        {
            return null;
        }

        using var timeout = new CancellationTokenSource(settings.MessageTimeout);
        bool more;
        try
        {
            more = await call.ResponseStream.MoveNext(timeout.Token);
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.Cancelled && timeout.IsCancellationRequested)
        {
            throw new EnvoyProtocolViolationException($"no answer to {expected} within {settings.MessageTimeout}: Envoy answers 504 (§5.8)");
        }

        if (!more)
        {
            // The server closed with OK: Envoy lets the rest of the exchange pass unprocessed (§5.1).
            Result.ClosedEarlyByServer = true;
            _done = true;
            return null;
        }

        var answer = call.ResponseStream.Current;
        Result.Answers.Add(answer);
        if (answer.DynamicMetadata is not null)
        {
            Result.DynamicMetadata = answer.DynamicMetadata;
        }

        if (answer.OverrideMessageTimeout is not null)
        {
            throw new EnvoyProtocolViolationException("override_message_timeout is disabled in PhiGate's Envoy configuration (max_message_timeout 0)");
        }

        if (answer.ResponseCase == Answer.ImmediateResponse)
        {
            ApplyImmediateResponse(answer.ImmediateResponse, expected);
            return answer;
        }

        if (answer.ResponseCase != expected && answer.ResponseCase != alsoAccepted)
        {
            throw new EnvoyProtocolViolationException($"spurious answer {answer.ResponseCase} while waiting for {expected}: Envoy fails the request (§5.3)");
        }

        return answer;
    }

    private void ApplyImmediateResponse(ImmediateResponse immediate, Answer expected)
    {
        if (immediate.Headers is { } mutation)
        {
            foreach (var option in mutation.SetHeaders)
            {
                if (option.Header.RawValue.IsEmpty && option.Header.Value.Length > 0)
                {
                    throw new EnvoyProtocolViolationException($"immediate_response header '{option.Header.Key}' uses value instead of raw_value (§5.6)");
                }
            }
        }

        Result.ImmediateResponse = immediate;
        _done = true;

        // After the response headers went downstream there is no local reply: Envoy resets the stream (§5.7).
        // BUFFERED and BUFFERED_PARTIAL (before its limit) still hold the headers.
        Result.StreamReset = expected is Answer.ResponseBody or Answer.ResponseTrailers && _mode.ResponseBodyMode is not (BodyMode.Buffered or BodyMode.BufferedPartial);
    }

    private async Task ExpectEndAsync()
    {
        using var timeout = new CancellationTokenSource(settings.MessageTimeout);
        try
        {
            while (await call.ResponseStream.MoveNext(timeout.Token))
            {
                if (!_done)
                {
                    throw new EnvoyProtocolViolationException($"an answer nobody asked for: {call.ResponseStream.Current.ResponseCase}");
                }
            }
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.Cancelled && timeout.IsCancellationRequested)
        {
            throw new EnvoyProtocolViolationException("the server did not end the stream after Envoy half-closed it (§5.1)");
        }
    }

    private static ProcessingRequest Body(bool request, byte[] bytes, bool endOfStream)
    {
        var body = new HttpBody { Body = ByteString.CopyFrom(bytes), EndOfStream = endOfStream };
        return request ? new ProcessingRequest { RequestBody = body } : new ProcessingRequest { ResponseBody = body };
    }

    private void SetBody(bool request, byte[] body)
    {
        if (request)
        {
            Result.RequestBody = body;
        }
        else
        {
            Result.ResponseBody = body;
        }
    }

    private void RemoveHeader(bool request, string name) =>
        (request ? Result.RequestHeaders : Result.ResponseHeaders).RemoveAll(h => h.Key == name);

    // ext_proc carries header values in raw_value only (§5.6).
    private static HeaderMap ToHeaderMap(IEnumerable<KeyValuePair<string, string>> headers)
    {
        var map = new HeaderMap();
        foreach (var (key, value) in headers)
        {
            map.Headers.Add(new HeaderValue { Key = key.ToLowerInvariant(), RawValue = ByteString.CopyFromUtf8(value) });
        }

        return map;
    }

    private static byte[] Concat(List<byte[]> chunks) => chunks.SelectMany(c => c).ToArray();
}
