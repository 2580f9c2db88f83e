using Envoy.Service.ExtProc.V3;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using PhiGate.Envoy.Headers;
using PhiGate.ExtProc.Streams;
using Kind = Envoy.Service.ExtProc.V3.ProcessingRequest.RequestOneofCase;

namespace PhiGate.ExtProc;

/// <summary>
/// <c>envoy.service.ext_proc.v3.ExternalProcessor/Process</c>: one stream per HTTP exchange.
/// </summary>
/// <remarks>
/// 1. Read messages until Envoy half-closes; each one is checked against Envoy's order first.
/// 2. Answer each with exactly one response of the matching type, in order (none in observability mode).
/// 3. After an immediate response, Envoy ignores the stream: read on, answer nothing.
/// 4. An out-of-order message fails the stream (INVALID_ARGUMENT): Envoy then fails closed.
/// 5. A cancelled stream (the client went away) is a normal end, not an error.
/// 6. A message's pooled body buffer goes back once its answers were written (they may refer to it).
/// </remarks>
[BindServiceMethod(typeof(ProcessMethod), nameof(ProcessMethod.BindService))]
internal sealed class ProcessService(IExchangeHandlerFactory handlers, ILogger<ProcessService> logger) : ExternalProcessor.ExternalProcessorBase
{
    public override async Task Process(IAsyncStreamReader<ProcessingRequest> requestStream, IServerStreamWriter<ProcessingResponse> responseStream, ServerCallContext context)
    {
        var cancellationToken = context.CancellationToken;
        var state = new ExchangeStateMachine();
        var handler = handlers.Create();
        var outcome = ExchangeOutcome.Failed;
        var count = 0;
        IDisposable? scope = null;
        ProcessingRequest? message = null;
        try
        {
            while (await requestStream.MoveNext(cancellationToken))
            {
                message = requestStream.Current;
                count++;
                if (count == 1)
                {
                    handler.Protocol = message.ProtocolConfig;
                }

                ExtProcMetrics.Message(message.RequestCase).Inc();
                if (message.RequestCase == Kind.RequestHeaders && scope is null)
                {
                    var (requestId, traceId) = CorrelationIds.From(message.RequestHeaders.Headers);
                    scope = logger.BeginScope(new Dictionary<string, object> { ["RequestId"] = requestId, ["TraceId"] = traceId });
                }

                if (state.IsClosed)
                {
                    ProcessingRequestReader.Release(message);
                    continue;
                }

                if (state.Accept(message) is { } violation)
                {
                    outcome = ExchangeOutcome.ProtocolError;
                    ExtProcLog.ProtocolViolation(logger, count, violation);
                    throw new RpcException(new Status(StatusCode.InvalidArgument, "message out of ext_proc order"));
                }

                var response = await AnswerAsync(handler, message, cancellationToken);
                var preceding = handler.TakePreceding();
                if (message.ObservabilityMode)
                {
                    ProcessingRequestReader.Release(message);
                    continue;
                }

                if (preceding is not null)
                {
                    foreach (var earlier in preceding)
                    {
                        await responseStream.WriteAsync(earlier, cancellationToken);
                    }
                }

                await responseStream.WriteAsync(response, cancellationToken);
                if (response.ResponseCase == ProcessingResponse.ResponseOneofCase.ImmediateResponse)
                {
                    state.MarkImmediateResponseSent();
                }

                ProcessingRequestReader.Release(message);
            }

            outcome = ExchangeOutcome.Completed;
            ExtProcLog.StreamCompleted(logger, count);
        }
        catch (Exception ex) when (IsCancellation(ex, cancellationToken))
        {
            outcome = ExchangeOutcome.Cancelled;
            ExtProcLog.StreamCancelled(logger, count);
        }
        finally
        {
            ProcessingRequestReader.Release(message);
            ExtProcMetrics.Stream(outcome).Inc();
            await handler.OnCompletedAsync(outcome);
            scope?.Dispose();
        }
    }

    private static ValueTask<ProcessingResponse> AnswerAsync(ExchangeHandler handler, ProcessingRequest message, CancellationToken cancellationToken) =>
        message.RequestCase switch
        {
            Kind.RequestHeaders => handler.OnRequestHeadersAsync(message, cancellationToken),
            Kind.RequestBody => handler.OnRequestBodyAsync(message, cancellationToken),
            Kind.RequestTrailers => handler.OnRequestTrailersAsync(message, cancellationToken),
            Kind.ResponseHeaders => handler.OnResponseHeadersAsync(message, cancellationToken),
            Kind.ResponseBody => handler.OnResponseBodyAsync(message, cancellationToken),
            _ => handler.OnResponseTrailersAsync(message, cancellationToken),
        };

    // Envoy resets the stream when the downstream request goes away; that surfaces as a cancelled token
    // or an IOException from the transport, and is the normal end of an abandoned exchange.
    private static bool IsCancellation(Exception ex, CancellationToken cancellationToken) =>
        cancellationToken.IsCancellationRequested
        && ex is OperationCanceledException or IOException or RpcException { StatusCode: StatusCode.Cancelled };
}
