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
internal abstract class OpenLoopRun(int maxInFlight)
{
    private const long Shed = -1;
    private const long Failed = -2;

    // Carried from the warm-up into the measured run, so the measured run does not present the warm-up's tokens again.
    private int _sent;

    public LatencySummary Run(int rate, TimeSpan duration)
    {
        var total = (int)Math.Min(int.MaxValue, rate * duration.TotalSeconds);
        var state = new RunState(total);
        var scheduler = new Thread(() => Schedule(rate, state)) { Name = "open-loop scheduler", IsBackground = true, Priority = ThreadPriority.Highest };
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

    /// <summary>Starts call <paramref name="index"/> with request number <paramref name="sequence"/>; false when it could not be sent (shed).</summary>
    protected abstract bool TryIssue(int index, int sequence, long intended, RunState state);

    /// <summary>Reports the end of call <paramref name="index"/>, on whatever thread saw it.</summary>
    protected static void Complete(RunState state, int index, long intended, bool succeeded)
    {
        state.Latencies[index] = succeeded ? Stopwatch.GetTimestamp() - intended : Failed;
        Interlocked.Decrement(ref state.InFlight);
    }

    private void Schedule(int rate, RunState state)
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
            if (!TryIssue(i, _sent++, intended, state))
            {
                Interlocked.Decrement(ref state.InFlight);
                state.Latencies[i] = Shed;
            }
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

    protected sealed class RunState(int total)
    {
        public readonly long[] Latencies = new long[total];
        public readonly long[] SendLag = new long[total];
        public int InFlight;
    }
}

/// <summary>The open loop through Grpc.Net.Client: each call is a task whose continuation runs on the thread pool.</summary>
internal sealed class GrpcOpenLoopRun(GrpcChannel[] channels, Method<CheckRequest, CheckResponse> method, CheckRequest[] requests, int maxInFlight)
    : OpenLoopRun(maxInFlight)
{
    private readonly CallInvoker[] _invokers = [.. channels.Select(c => c.CreateCallInvoker())];

    protected override bool TryIssue(int index, int sequence, long intended, RunState state)
    {
        _ = IssueAsync(_invokers[index % _invokers.Length], requests[sequence % requests.Length], index, intended, state);
        return true;
    }

    private async Task IssueAsync(CallInvoker invoker, CheckRequest request, int index, long intended, RunState state)
    {
        var succeeded = false;
        try
        {
            await invoker.AsyncUnaryCall(method, null, default, request).ResponseAsync.ConfigureAwait(false);
            succeeded = true;
        }
        catch (RpcException)
        {
            // Counted as failed.
        }
        finally
        {
            Complete(state, index, intended, succeeded);
        }
    }
}
