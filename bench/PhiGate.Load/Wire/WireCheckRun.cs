using System.Diagnostics;

namespace PhiGate.Load.Wire;

/// <summary>Unary calls over <see cref="WireConnection"/>s: the request bytes are framed once, calls end on the reader threads.</summary>
internal sealed class WireCalls(WireConnection[] connections, byte[] headerBlock, byte[][] framedRequests)
{
    // Shared by the warm-up and the measured runs, so a measured run does not present the warm-up's tokens again.
    private int _sent;

    public WireConnection[] Connections => connections;

    public int NextSequence() => Interlocked.Increment(ref _sent);

    public WireStream? TryStart(WireConnection connection, int sequence, IWireStreamHandler handler, int index, long startedAt) =>
        connection.TryStart(headerBlock, framedRequests[(uint)sequence % (uint)framedRequests.Length], endStream: true, handler, index, startedAt);
}

/// <summary>
/// Closed loop over the wire client: <c>concurrency</c> calls in flight, and each call's end starts the next
/// one on the same connection, from the reader thread that saw the end, as an event-loop client does.
/// </summary>
internal sealed class WireClosedLoop : IWireStreamHandler
{
    private readonly WireCalls _calls;
    private readonly long _stopAt;
    private readonly LatencyRecorder _recorder;
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _errors;
    private int _outstanding;

    private WireClosedLoop(WireCalls calls, int concurrency, TimeSpan duration)
    {
        _calls = calls;
        _stopAt = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        // One recorder slot per connection: only that connection's reader thread records into it.
        _recorder = new LatencyRecorder(calls.Connections.Length, 4_000_000 / calls.Connections.Length);
        _outstanding = concurrency;
    }

    public static LatencySummary Run(WireCalls calls, int concurrency, TimeSpan duration)
    {
        var loop = new WireClosedLoop(calls, concurrency, duration);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < concurrency; i++)
        {
            loop.Issue(i % calls.Connections.Length);
        }

        if (!loop._done.Task.Wait(duration + TimeSpan.FromSeconds(30)))
        {
            Interlocked.Add(ref loop._errors, Volatile.Read(ref loop._outstanding));
        }

        return loop._recorder.Summarize(clock.Elapsed, Interlocked.Read(ref loop._errors));
    }

    public void OnMessage(WireStream stream, ReadOnlySpan<byte> message)
    {
    }

    public void OnEnd(WireStream stream, int grpcStatus)
    {
        var now = Stopwatch.GetTimestamp();
        if (grpcStatus == 0)
        {
            _recorder.Record(stream.Index, now - stream.StartedAt);
        }
        else
        {
            Interlocked.Increment(ref _errors);
        }

        if (now < _stopAt)
        {
            Issue(stream.Index);
        }
        else
        {
            Finish();
        }
    }

    private void Issue(int connection)
    {
        if (_calls.TryStart(_calls.Connections[connection], _calls.NextSequence(), this, connection, Stopwatch.GetTimestamp()) is null)
        {
            Interlocked.Increment(ref _errors);
            Finish();
        }
    }

    private void Finish()
    {
        if (Interlocked.Decrement(ref _outstanding) == 0)
        {
            _done.TrySetResult();
        }
    }
}

/// <summary>The open loop over the wire client: the scheduler thread sends, the reader threads record.</summary>
internal sealed class WireOpenLoopRun(WireCalls calls, int maxInFlight) : OpenLoopRun(maxInFlight), IWireStreamHandler
{
    private RunState? _state;

    protected override bool TryIssue(int index, int sequence, long intended, RunState state)
    {
        _state = state;
        var connections = calls.Connections;
        return calls.TryStart(connections[index % connections.Length], sequence, this, index, intended) is not null;
    }

    public void OnMessage(WireStream stream, ReadOnlySpan<byte> message)
    {
    }

    public void OnEnd(WireStream stream, int grpcStatus) => Complete(_state!, stream.Index, stream.StartedAt, grpcStatus == 0);
}
