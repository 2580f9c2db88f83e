using System.Diagnostics;
using Envoy.Service.Auth.V3;
using Grpc.Core;
using Grpc.Net.Client;

namespace PhiGate.Load;

/// <summary>Closed loop: each of <c>concurrency</c> workers sends its next call when its last one returned, for a bounded time.</summary>
internal sealed class LoadRun(GrpcChannel[] channels, Method<CheckRequest, CheckResponse> method, CheckRequest[] requests)
{
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
            var i = worker;
            while (Stopwatch.GetTimestamp() < stopAt)
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    await invoker.AsyncUnaryCall(method, null, default, requests[i % requests.Length]);
                    recorder.Record(worker, Stopwatch.GetTimestamp() - started);
                }
                catch (RpcException)
                {
                    Interlocked.Increment(ref errors);
                }

                i += concurrency;
            }
        });
        await Task.WhenAll(workers);
        return errors;
    }
}
