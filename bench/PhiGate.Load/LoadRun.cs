using System.Diagnostics;
using Envoy.Service.Auth.V3;
using Grpc.Core;
using Grpc.Net.Client;

namespace PhiGate.Load;

/// <summary>Closed loop: each of <c>concurrency</c> workers sends its next call when its last one returned, for a bounded time.</summary>
internal sealed class LoadRun(GrpcChannel[] channels, Method<CheckRequest, CheckResponse> method, CheckRequest[] requests)
{
    // Shared by the warm-up and the measured run, so the measured run does not present the warm-up's tokens again.
    private int _sent;

    public async Task<LatencySummary> RunClosedAsync(int concurrency, TimeSpan duration)
    {
        var recorder = new LatencyRecorder(concurrency, 4_000_000 / concurrency);
        var clock = Stopwatch.StartNew();
        var errors = await RunWorkersAsync(concurrency, duration, recorder);
        return recorder.Summarize(clock.Elapsed, errors);
    }

    private async Task<long> RunWorkersAsync(int concurrency, TimeSpan duration, LatencyRecorder recorder)
    {
        long errors = 0;
        var stopAt = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var workers = Enumerable.Range(0, concurrency).Select(async worker =>
        {
            var invoker = channels[worker % channels.Length].CreateCallInvoker();
            while (Stopwatch.GetTimestamp() < stopAt)
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    var i = (uint)Interlocked.Increment(ref _sent);
                    await invoker.AsyncUnaryCall(method, null, default, requests[i % (uint)requests.Length]);
                    recorder.Record(worker, Stopwatch.GetTimestamp() - started);
                }
                catch (RpcException)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        });
        await Task.WhenAll(workers);
        return errors;
    }
}
