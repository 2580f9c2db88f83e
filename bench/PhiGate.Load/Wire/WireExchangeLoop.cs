using System.Diagnostics;
using Envoy.Service.ExtProc.V3;

namespace PhiGate.Load.Wire;

/// <summary>
/// ext_proc exchanges one at a time over the wire client, driven from its reader thread as Envoy drives a
/// stream: each answer sends the next message; the redacted body's arrival ends the timing, then the stream
/// is half-closed and the next exchange starts when the server's trailers arrive.
/// </summary>
internal sealed class WireExchangeLoop : IWireStreamHandler
{
    private readonly WireConnection _connection;
    private readonly byte[] _headerBlock;
    private readonly byte[][] _framedMessages;
    private readonly long _stopAt;
    private readonly LatencyRecorder? _recorder;
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _answeredAt;
    private bool _redacted;
    private long _exchanges;
    private long _errors;

    private WireExchangeLoop(WireConnection connection, byte[] headerBlock, byte[][] framedMessages, TimeSpan duration, LatencyRecorder? recorder)
    {
        _connection = connection;
        _headerBlock = headerBlock;
        _framedMessages = framedMessages;
        _stopAt = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        _recorder = recorder;
    }

    /// <summary>Runs exchanges for <paramref name="duration"/>; returns how many ran and how many were not redacted.</summary>
    public static (long Exchanges, long Errors) Run(WireConnection connection, byte[] headerBlock, byte[][] framedMessages, TimeSpan duration, LatencyRecorder? recorder)
    {
        var loop = new WireExchangeLoop(connection, headerBlock, framedMessages, duration, recorder);
        loop.Start();
        if (!loop._done.Task.Wait(duration + TimeSpan.FromSeconds(30)))
        {
            loop._errors++;
        }

        return (loop._exchanges, loop._errors);
    }

    public void OnMessage(WireStream stream, ReadOnlySpan<byte> message)
    {
        var step = stream.Index;
        if (step < _framedMessages.Length - 1)
        {
            stream.Index = step + 1;
            _connection.Send(stream, _framedMessages[step + 1], endStream: false);
            return;
        }

        if (step == _framedMessages.Length - 1)
        {
            _answeredAt = Stopwatch.GetTimestamp();
            _redacted = ProcessingResponse.Parser.ParseFrom(message).ResponseBody?.Response?.BodyMutation?.Body is { Length: > 0 };
            stream.Index = step + 1;
            _connection.Send(stream, [], endStream: true);
            return;
        }

        // Anything after the body's answer is a protocol surprise: the exchange does not count as redacted.
        _redacted = false;
    }

    public void OnEnd(WireStream stream, int grpcStatus)
    {
        _exchanges++;
        if (grpcStatus == 0 && _redacted && stream.Index == _framedMessages.Length)
        {
            _recorder?.Record(0, _answeredAt - stream.StartedAt);
        }
        else
        {
            _errors++;
        }

        if (Stopwatch.GetTimestamp() < _stopAt)
        {
            Start();
        }
        else
        {
            _done.TrySetResult();
        }
    }

    private void Start()
    {
        _redacted = false;
        if (_connection.TryStart(_headerBlock, _framedMessages[0], endStream: false, this, 0, Stopwatch.GetTimestamp()) is null)
        {
            _errors++;
            _done.TrySetResult();
        }
    }
}
