using System.Collections.Concurrent;
using System.Diagnostics;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Logging;
using PhiGate.Host.Logging;

namespace PhiGate.Host.Metrics;

/// <summary>
/// Counts and times every call by outcome, and turns an unexpected exception into a logged
/// <c>INTERNAL</c> status with a coarse message, so nothing about the failure reaches Envoy.
/// </summary>
internal sealed class GrpcCallInterceptor(ILogger<GrpcCallInterceptor> logger) : Interceptor
{
    // Label children per method and outcome, looked up once: the label parsing and the three-label lookup cost
    // more than the cached Check itself. Methods are the server's own (a fixed set), so this stays small.
    private static readonly ConcurrentDictionary<(string Method, StatusCode Code), (Prometheus.Counter.Child Calls, Prometheus.Histogram.Child Duration)> Children = new();

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        var started = Stopwatch.GetTimestamp();
        var code = StatusCode.Unknown;
        try
        {
            var response = await continuation(request, context);
            code = context.Status.StatusCode;
            return response;
        }
        catch (Exception ex)
        {
            code = Fail(context, ex, out var rpc);
            throw rpc;
        }
        finally
        {
            Record(context.Method, code, started);
        }
    }

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream,
        ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        var started = Stopwatch.GetTimestamp();
        var code = StatusCode.Unknown;
        try
        {
            await continuation(requestStream, responseStream, context);
            code = context.Status.StatusCode;
        }
        catch (Exception ex)
        {
            code = Fail(context, ex, out var rpc);
            throw rpc;
        }
        finally
        {
            Record(context.Method, code, started);
        }
    }

    private StatusCode Fail(ServerCallContext context, Exception ex, out RpcException rpc)
    {
        switch (ex)
        {
            case RpcException known:
                rpc = known;
                return known.StatusCode;
            case OperationCanceledException when context.CancellationToken.IsCancellationRequested:
                rpc = new RpcException(new Status(StatusCode.Cancelled, "cancelled"));
                return StatusCode.Cancelled;
            default:
                HostLog.CallFailed(logger, context.Method, ex.GetType().Name, ex);
                rpc = new RpcException(new Status(StatusCode.Internal, "internal error"));
                return StatusCode.Internal;
        }
    }

    private static void Record(string fullMethod, StatusCode code, long started)
    {
        var (calls, duration) = Children.GetOrAdd((fullMethod, code), static key => CreateChildren(key.Method, key.Code));
        calls.Inc();
        duration.Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);
    }

    private static (Prometheus.Counter.Child, Prometheus.Histogram.Child) CreateChildren(string fullMethod, StatusCode code)
    {
        // fullMethod is "/package.Service/Method": names of our own API, never request data.
        var slash = fullMethod.LastIndexOf('/');
        var service = slash > 1 ? fullMethod[1..slash] : fullMethod;
        var method = slash >= 0 ? fullMethod[(slash + 1)..] : fullMethod;
        var codeLabel = code.ToString();
        return (GrpcMetrics.Calls.WithLabels(service, method, codeLabel), GrpcMetrics.Duration.WithLabels(service, method, codeLabel));
    }
}
