using System.Diagnostics;
using Envoy.Service.Auth.V3;
using Grpc.Core;
using Grpc.Net.Client;

namespace PhiGate.Load;

/// <summary>
/// Open loop at a fixed rate: call <c>i</c> is due at <c>start + i / rate</c> whether or not earlier calls have
/// returned, so a slow server shows up as latency, not as a lower offered rate.
/// </summary>
/// <remarks>
/// One dedicated thread sleeps precisely (<see cref="PreciseSleep"/>) until each call's intended send time and
/// starts the call; the responses complete on the thread pool and never hold the scheduler up. Latency is
/// measured from the intended send time, not from when the call actually left, so a stalled scheduler or a
/// queue in the client counts against the result (no coordinated omission). Calls in flight are bounded:
/// a call due while <c>maxInFlight</c> calls are outstanding is not sent and is reported as shed.
/// </remarks>
internal sealed class OpenLoopRun(GrpcChannel[] channels, Method<CheckRequest, CheckResponse> method, CheckRequest[] requests, int maxInFlight)
{
    private const long Shed = -1;
    private const long Failed = -2;

    // Carried from the warm-up into the measured run, so the measured run does not present the warm-up's tokens again.
    private int _sent;

    public LatencySummary Run(int rate, TimeSpan duration)
    {
        var total = (int)Math.Min(int.MaxValue, rate * duration.TotalSeconds);
        var state = new RunState(total);
        var invokers = channels.Select(c => c.CreateCallInvoker()).ToArray();
        var scheduler = new Thread(() => Schedule(rate, invokers, state)) { Name = "open-loop scheduler", IsBackground = true, Priority = ThreadPriority.Highest };
        var clock = Stopwatch.StartNew();
        scheduler.Start();
        scheduler.Join();

        // Bounded wait for the stragglers; whatever is still out then counts as failed.
        var drainUntil = Stopwatch.GetTimestamp() + 30 * Stopwatch.Frequency;
        while (Volatile.Read(ref state.InFlight) > 0 && Stopwatch.GetTimestamp() < drainUntil)
        {
            Thread.Sleep(1);
        }

        return Summarize(state, clock.Elapsed);
    }

    private void Schedule(int rate, CallInvoker[] invokers, RunState state)
    {
        PreciseSleep.PrepareThread();
        var ticksPerCall = (double)Stopwatch.Frequency / rate;
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < state.Latencies.Length; i++)
        {
            var intended = start + (long)(i * ticksPerCall);
            PreciseSleep.Until(intended);
            state.SendLag[i] = Stopwatch.GetTimestamp() - intended;
            if (Volatile.Read(ref state.InFlight) >= maxInFlight)
            {
                state.Latencies[i] = Shed;
                continue;
            }

            Interlocked.Increment(ref state.InFlight);
            _ = IssueAsync(invokers[i % invokers.Length], requests[_sent++ % requests.Length], i, intended, state);
        }
    }

    private async Task IssueAsync(CallInvoker invoker, CheckRequest request, int index, long intended, RunState state)
    {
        try
        {
            await invoker.AsyncUnaryCall(method, null, default, request).ResponseAsync.ConfigureAwait(false);
            state.Latencies[index] = Stopwatch.GetTimestamp() - intended;
        }
        catch (RpcException)
        {
            state.Latencies[index] = Failed;
        }
        finally
        {
            Interlocked.Decrement(ref state.InFlight);
        }
    }

    private static LatencySummary Summarize(RunState state, TimeSpan elapsed)
    {
        var completed = new List<long>(state.Latencies.Length);
        long shed = 0;
        long errors = 0;
        foreach (var latency in state.Latencies)
        {
            switch (latency)
            {
                case Shed:
                    shed++;
                    break;
                case Failed or 0:
                    errors++;
                    break;
                default:
                    completed.Add(latency);
                    break;
            }
        }

        var summary = LatencySummary.From([.. completed], elapsed, errors);
        var lag = (long[])state.SendLag.Clone();
        Array.Sort(lag);
        return summary with { Shed = shed, SendLagP99Micros = LatencySummary.PercentileMicros(lag, 0.99) };
    }

    private sealed class RunState(int total)
    {
        public readonly long[] Latencies = new long[total];
        public readonly long[] SendLag = new long[total];
        public int InFlight;
    }
}
