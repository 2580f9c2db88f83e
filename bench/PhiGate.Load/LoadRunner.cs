using System.Collections.Concurrent;
using System.Diagnostics;
using Envoy.Service.Auth.V3;
using Grpc.Core;
using Grpc.Net.Client;

namespace PhiGate.Load;

/// <summary>
/// Sends pre-built CheckRequests over a few HTTP/2 connections, either with a fixed number in flight (closed
/// loop) or at a fixed arrival rate (open loop, latency measured from the intended send time so a stalled
/// server cannot hide its queueing). Bounded by time and by count.
/// </summary>
internal sealed class LoadRunner : IDisposable
{
    private readonly GrpcChannel[] _channels;

    public LoadRunner(string target, int connections)
    {
        _channels = [.. Enumerable.Range(0, connections).Select(_ => CreateChannel(target))];
    }

    public static readonly Method<CheckRequest, CheckResponse> Check = new(
        MethodType.Unary, "envoy.service.auth.v3.Authorization", "Check",
        Marshallers.Create(Google.Protobuf.MessageExtensions.ToByteArray, CheckResponseParserShim.ParseRequest),
        Marshallers.Create(Google.Protobuf.MessageExtensions.ToByteArray, CheckResponseParserShim.ParseResponse));

    public static readonly Method<CheckRequest, CheckResponse> Baseline = new(
        MethodType.Unary, "phigate.diagnostics.v1.Baseline", "Check", Check.RequestMarshaller, Check.ResponseMarshaller);

    public async Task<LatencyReport> RunAsync(string name, Method<CheckRequest, CheckResponse> method, IReadOnlyList<CheckRequest> requests, LoadOptions options)
    {
        if (options.Warmup > TimeSpan.Zero)
        {
            await RunCoreAsync(name, method, requests, options, options.Warmup);
        }

        return await RunCoreAsync(name, method, requests, options, options.Duration);
    }

    private async Task<LatencyReport> RunCoreAsync(string name, Method<CheckRequest, CheckResponse> method, IReadOnlyList<CheckRequest> requests, LoadOptions options, TimeSpan duration)
    {
        var state = new RunState(options.MaxRequests);
        var clock = Stopwatch.StartNew();
        if (options.Rate > 0)
        {
            await OpenLoopAsync(method, requests, options.Rate, duration, state, clock);
        }
        else
        {
            await Task.WhenAll(Enumerable.Range(0, options.Concurrency).Select(worker => ClosedLoopAsync(method, requests, worker, duration, state, clock)));
        }

        var elapsed = clock.Elapsed;
        var ticks = state.Latencies.SelectMany(l => l).ToArray();
        Array.Sort(ticks);
        return new LatencyReport(name, ticks.Length, state.Allowed, state.Denied, state.Errors, elapsed, ticks);
    }

    private async Task ClosedLoopAsync(Method<CheckRequest, CheckResponse> method, IReadOnlyList<CheckRequest> requests, int worker, TimeSpan duration, RunState state, Stopwatch clock)
    {
        var latencies = new List<long>(1 << 16);
        state.Latencies.Add(latencies);
        var invoker = _channels[worker % _channels.Length].CreateCallInvoker();
        var i = worker;
        while (clock.Elapsed < duration && state.TryTake())
        {
            var started = Stopwatch.GetTimestamp();
            await SendAsync(invoker, method, requests[i % requests.Count], state);
            latencies.Add(Stopwatch.GetTimestamp() - started);
            i += 7919;
        }
    }

    private async Task OpenLoopAsync(Method<CheckRequest, CheckResponse> method, IReadOnlyList<CheckRequest> requests, int rate, TimeSpan duration, RunState state, Stopwatch clock)
    {
        var latencies = new ConcurrentBag<long>();
        var inFlight = new List<Task>();
        var interval = (double)Stopwatch.Frequency / rate;
        var origin = Stopwatch.GetTimestamp();
        for (long n = 0; clock.Elapsed < duration && state.TryTake(); n++)
        {
            var intended = origin + (long)(n * interval);
            var wait = intended - Stopwatch.GetTimestamp();
            if (wait > Stopwatch.Frequency / 1000)
            {
                await Task.Delay(TimeSpan.FromTicks(wait * TimeSpan.TicksPerSecond / Stopwatch.Frequency));
            }

            var invoker = _channels[n % _channels.Length].CreateCallInvoker();
            var request = requests[(int)(n % requests.Count)];
            inFlight.Add(Task.Run(async () =>
            {
                await SendAsync(invoker, method, request, state);
                latencies.Add(Stopwatch.GetTimestamp() - intended);
            }));
            if (inFlight.Count >= 4096)
            {
                inFlight.RemoveAll(t => t.IsCompleted);
            }
        }

        await Task.WhenAll(inFlight);
        state.Latencies.Add([.. latencies]);
    }

    private static async Task SendAsync(CallInvoker invoker, Method<CheckRequest, CheckResponse> method, CheckRequest request, RunState state)
    {
        try
        {
            var response = await invoker.AsyncUnaryCall(method, null, new CallOptions(deadline: DateTime.UtcNow.AddSeconds(5)), request);
            if (response.Status is null || response.Status.Code == 0)
            {
                Interlocked.Increment(ref state.Allowed);
            }
            else
            {
                Interlocked.Increment(ref state.Denied);
            }
        }
        catch (RpcException)
        {
            Interlocked.Increment(ref state.Errors);
        }
    }

    private static GrpcChannel CreateChannel(string target)
    {
        if (target.StartsWith("unix:", StringComparison.Ordinal))
        {
            var path = target["unix:".Length..];
            var handler = new SocketsHttpHandler
            {
                ConnectCallback = async (_, token) =>
                {
                    var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Unspecified);
                    await socket.ConnectAsync(new System.Net.Sockets.UnixDomainSocketEndPoint(path), token);
                    return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
                },
            };
            return GrpcChannel.ForAddress("http://localhost", new GrpcChannelOptions { HttpHandler = handler });
        }

        return GrpcChannel.ForAddress("http://" + target, new GrpcChannelOptions { HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = false } });
    }

    public void Dispose()
    {
        foreach (var channel in _channels)
        {
            channel.Dispose();
        }
    }

    private sealed class RunState(long maxRequests)
    {
        public long Allowed;
        public long Denied;
        public long Errors;
        private long _remaining = maxRequests;

        public ConcurrentBag<List<long>> Latencies { get; } = [];

        public bool TryTake() => Interlocked.Decrement(ref _remaining) >= 0;
    }

    private static class CheckResponseParserShim
    {
        public static CheckRequest ParseRequest(byte[] bytes) => CheckRequest.Parser.ParseFrom(bytes);

        public static CheckResponse ParseResponse(byte[] bytes) => CheckResponse.Parser.ParseFrom(bytes);
    }
}
