using System.Diagnostics;
using Envoy.Service.Auth.V3;
using Grpc.Core;
using Grpc.Net.Client;

namespace PhiGate.Load;

/// <summary>Drives one method at a fixed concurrency (closed loop) or a fixed rate (open loop) for a bounded time.</summary>
internal sealed class LoadRun(GrpcChannel[] channels, Method<CheckRequest, CheckResponse> method, CheckRequest[] requests)
{
    /// <summary>Closed loop: each of <paramref name="concurrency"/> workers sends its next call when the last returns.</summary>
    public async Task<LatencySummary> RunClosedAsync(int concurrency, TimeSpan warmup, TimeSpan duration)
    {
        await RunWorkersAsync(concurrency, warmup, null);
        var recorder = new LatencyRecorder(concurrency, 4_000_000 / concurrency);
        var clock = Stopwatch.StartNew();
        var errors = await RunWorkersAsync(concurrency, duration, recorder);
        return recorder.Summarize(clock.Elapsed, errors);
    }

    /// <summary>
    /// Open loop: calls start on schedule whether or not earlier ones finished, so a slow server shows up
    /// as latency, not as a lower offered rate.
    /// </summary>
    public async Task<LatencySummary> RunOpenAsync(int rate, TimeSpan warmup, TimeSpan duration)
    {
        await RunScheduleAsync(rate, warmup, null);
        var recorder = new LatencyRecorder(1, (int)(rate * duration.TotalSeconds * 1.1) + 1000);
        var clock = Stopwatch.StartNew();
        var errors = await RunScheduleAsync(rate, duration, recorder);
        return recorder.Summarize(clock.Elapsed, errors);
    }

    private async Task<long> RunWorkersAsync(int concurrency, TimeSpan duration, LatencyRecorder? recorder)
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
                    recorder?.Record(worker, Stopwatch.GetTimestamp() - started);
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

    private async Task<long> RunScheduleAsync(int rate, TimeSpan duration, LatencyRecorder? recorder)
    {
        long errors = 0;
        var sync = new object();
        var pending = new List<Task>();
        var invokers = channels.Select(c => c.CreateCallInvoker()).ToArray();
        var start = Stopwatch.GetTimestamp();
        var total = (long)(rate * duration.TotalSeconds);
        long sent = 0;
        while (sent < total)
        {
            // Fire every call that is due by now; the timer's granularity only batches them.
            var due = Math.Min(total, (long)(Stopwatch.GetElapsedTime(start).TotalSeconds * rate));
            for (; sent < due; sent++)
            {
                var index = (int)(sent % requests.Length);
                var invoker = invokers[sent % invokers.Length];
                pending.Add(Task.Run(async () =>
                {
                    var began = Stopwatch.GetTimestamp();
                    try
                    {
                        await invoker.AsyncUnaryCall(method, null, default, requests[index]);
                        if (recorder is not null)
                        {
                            lock (sync)
                            {
                                recorder.Record(0, Stopwatch.GetTimestamp() - began);
                            }
                        }
                    }
                    catch (RpcException)
                    {
                        Interlocked.Increment(ref errors);
                    }
                }));
            }

            await Task.Delay(1);
        }

        await Task.WhenAll(pending);
        return errors;
    }
}
