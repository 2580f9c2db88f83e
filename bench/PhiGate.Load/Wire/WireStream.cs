namespace PhiGate.Load.Wire;

/// <summary>What a stream's owner hears; both are called on the connection's reader thread.</summary>
internal interface IWireStreamHandler
{
    /// <summary>A complete gRPC message (without its 5-byte length prefix); the span is valid only during the call.</summary>
    void OnMessage(WireStream stream, ReadOnlySpan<byte> message);

    /// <summary>The stream is over: the trailers' <c>grpc-status</c>, or -1 when it was reset or the connection was lost.</summary>
    void OnEnd(WireStream stream, int grpcStatus);
}

/// <summary>One HTTP/2 stream of a <see cref="WireConnection"/>, with two fields its owner may use as it likes.</summary>
internal sealed class WireStream(WireConnection connection, int id, long sendWindow, IWireStreamHandler handler)
{
    private byte[] _pending = [];
    private int _pendingLength;

    public WireConnection Connection { get; } = connection;

    public int Id { get; } = id;

    public IWireStreamHandler Handler { get; } = handler;

    /// <summary>Owner's use: a Stopwatch timestamp.</summary>
    public long StartedAt { get; set; }

    /// <summary>Owner's use: an index or step.</summary>
    public int Index { get; set; }

    internal long SendWindow { get; set; } = sendWindow;

    internal int? HttpStatus;

    internal int? GrpcStatus;

    internal byte[]? HeaderFragments;

    internal bool EndsWithHeaders;

    /// <summary>Feeds DATA bytes; calls the handler for every complete gRPC message.</summary>
    internal void Receive(ReadOnlySpan<byte> data)
    {
        if (_pendingLength == 0)
        {
            // The common case: whole messages in one frame, handed over without a copy.
            while (data.Length >= 5 && data.Length >= 5 + MessageLength(data))
            {
                var length = MessageLength(data);
                Handler.OnMessage(this, data.Slice(5, length));
                data = data[(5 + length)..];
            }

            if (data.IsEmpty)
            {
                return;
            }
        }

        Append(data);
        while (_pendingLength >= 5 && _pendingLength >= 5 + MessageLength(_pending))
        {
            var length = MessageLength(_pending);
            Handler.OnMessage(this, _pending.AsSpan(5, length));
            _pendingLength -= 5 + length;
            _pending.AsSpan(5 + length, _pendingLength).CopyTo(_pending);
        }
    }

    private void Append(ReadOnlySpan<byte> data)
    {
        if (_pending.Length < _pendingLength + data.Length)
        {
            Array.Resize(ref _pending, Math.Max(_pendingLength + data.Length, _pending.Length * 2));
        }

        data.CopyTo(_pending.AsSpan(_pendingLength));
        _pendingLength += data.Length;
    }

    private static int MessageLength(ReadOnlySpan<byte> framed)
    {
        if (framed[0] != 0)
        {
            throw new Http2ProtocolException("the server sent a compressed gRPC message");
        }

        return System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(framed[1..]);
    }
}
