using System.Buffers.Binary;
using System.Net.Sockets;

namespace PhiGate.Load.Wire;

/// <summary>
/// A gRPC client connection written directly on HTTP/2 frames, shaped like Envoy's: one socket, one reader
/// thread that parses frames and runs the owners' callbacks, and callers that write whole frames under a
/// lock with one <c>send</c> per call. No thread pool, no channels, no per-call tasks: a call costs one
/// wake-up of the reader thread, so the client takes little of the CPU it shares with the server it
/// measures.
/// </summary>
/// <remarks>
/// Implemented: the preface and SETTINGS (header table 0, no push, the largest stream window), flow control
/// in both directions (DATA that does not fit the server's windows waits in order and goes out when the
/// server opens them), PING and SETTINGS acknowledgements, RST_STREAM and GOAWAY (the streams end with -1),
/// CONTINUATION, padding. Not implemented, because gRPC over cleartext to Kestrel never needs them:
/// Huffman-coded or dynamic-table response headers (refused loudly), priorities, push.
/// </remarks>
internal sealed class WireConnection : IDisposable
{
    // Replenish the connection's receive window in large steps: one WINDOW_UPDATE per GiB received.
    private const long ReceiveUpdateThreshold = 1L << 30;

    private readonly Socket _socket;
    private readonly Lock _lock = new();
    private readonly Dictionary<int, WireStream> _streams = [];
    private readonly List<(WireStream Stream, byte[] Data, bool EndStream)> _blocked = [];
    private readonly ManualResetEventSlim _settingsReceived = new();
    private readonly Thread _reader;
    private byte[] _sendBuffer = new byte[16 * 1024];
    private int _sendLength;
    private long _sendWindow = 65_535;
    private int _peerInitialWindow = 65_535;
    private int _peerMaxFrame = Http2Frame.DefaultMaxFrameSize;
    private int _peerMaxStreams = int.MaxValue;
    private int _nextStreamId = 1;
    private long _receivedSinceUpdate;
    private volatile bool _closed;

    private WireConnection(Socket socket)
    {
        _socket = socket;
        _reader = new Thread(ReadLoop) { IsBackground = true, Name = "wire reader" };
    }

    /// <summary>Streams open now (started and not yet ended).</summary>
    public int OpenStreams
    {
        get
        {
            lock (_lock)
            {
                return _streams.Count;
            }
        }
    }

    /// <summary>Connects to <paramref name="target"/> and exchanges SETTINGS.</summary>
    public static WireConnection Connect(GrpcTarget target)
    {
        var connection = new WireConnection(target.Connect());
        connection.SendPreface();
        connection._reader.Start();
        if (!connection._settingsReceived.Wait(TimeSpan.FromSeconds(10)))
        {
            connection.Dispose();
            throw new Http2ProtocolException("the server sent no SETTINGS within 10 s");
        }

        return connection;
    }

    /// <summary>
    /// Opens a stream with <paramref name="headerBlock"/> and sends <paramref name="framedMessage"/> (already
    /// gRPC-framed); null when the connection is closed or the server's stream limit is reached.
    /// </summary>
    public WireStream? TryStart(byte[] headerBlock, ReadOnlySpan<byte> framedMessage, bool endStream, IWireStreamHandler handler, int index, long startedAt)
    {
        lock (_lock)
        {
            if (_closed || _streams.Count >= _peerMaxStreams)
            {
                return null;
            }

            var stream = new WireStream(this, _nextStreamId, _peerInitialWindow, handler) { Index = index, StartedAt = startedAt };
            _nextStreamId += 2;
            _streams.Add(stream.Id, stream);
            AppendFrame(Http2Frame.Headers, Http2Frame.EndHeaders, stream.Id, headerBlock);
            QueueData(stream, framedMessage, endStream);
            Flush();
            return stream;
        }
    }

    /// <summary>Sends one more gRPC-framed message on an open stream, or (empty) half-closes it.</summary>
    public void Send(WireStream stream, ReadOnlySpan<byte> framedMessage, bool endStream)
    {
        lock (_lock)
        {
            if (_closed || !_streams.ContainsKey(stream.Id))
            {
                return;
            }

            QueueData(stream, framedMessage, endStream);
            Flush();
        }
    }

    public void Dispose()
    {
        _closed = true;
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
            // Already gone.
        }

        _socket.Dispose();
        if (_reader.IsAlive && _reader != Thread.CurrentThread)
        {
            _reader.Join(TimeSpan.FromSeconds(5));
        }

        _settingsReceived.Dispose();
    }

    private void SendPreface()
    {
        lock (_lock)
        {
            Http2Frame.Preface.CopyTo(Reserve(Http2Frame.Preface.Length));
            Span<byte> settings = stackalloc byte[18];
            WriteSetting(settings, Http2Frame.SettingsHeaderTableSize, 0);
            WriteSetting(settings[6..], Http2Frame.SettingsEnablePush, 0);
            WriteSetting(settings[12..], Http2Frame.SettingsInitialWindowSize, Http2Frame.MaxWindow);
            AppendFrame(Http2Frame.Settings, 0, 0, settings);
            AppendWindowUpdate(0, Http2Frame.MaxWindow - 65_535);
            Flush();
        }
    }

    private static void WriteSetting(Span<byte> destination, ushort id, int value)
    {
        BinaryPrimitives.WriteUInt16BigEndian(destination, id);
        BinaryPrimitives.WriteInt32BigEndian(destination[2..], value);
    }

    /// <summary>Writes what the windows allow now; the rest waits, in order, for the server's WINDOW_UPDATE.</summary>
    private void QueueData(WireStream stream, ReadOnlySpan<byte> data, bool endStream)
    {
        if (_blocked.Count > 0)
        {
            _blocked.Add((stream, data.ToArray(), endStream));
            return;
        }

        var sent = WriteData(stream, data, endStream);
        if (sent < data.Length)
        {
            _blocked.Add((stream, data[sent..].ToArray(), endStream));
        }
    }

    /// <summary>DATA frames within the windows and frame size; returns the bytes written.</summary>
    private int WriteData(WireStream stream, ReadOnlySpan<byte> data, bool endStream)
    {
        var offset = 0;
        do
        {
            var chunk = (int)Math.Min(Math.Min(data.Length - offset, _peerMaxFrame), Math.Min(_sendWindow, stream.SendWindow));
            if (chunk <= 0 && offset < data.Length)
            {
                return offset;
            }

            var last = offset + chunk == data.Length;
            AppendFrame(Http2Frame.Data, last && endStream ? Http2Frame.EndStream : (byte)0, stream.Id, data.Slice(offset, chunk));
            _sendWindow -= chunk;
            stream.SendWindow -= chunk;
            offset += chunk;
        }
        while (offset < data.Length);

        return offset;
    }

    private void ReleaseBlocked()
    {
        var done = 0;
        for (; done < _blocked.Count; done++)
        {
            var (stream, data, endStream) = _blocked[done];
            if (!_streams.ContainsKey(stream.Id))
            {
                continue;
            }

            var sent = WriteData(stream, data, endStream);
            if (sent < data.Length)
            {
                _blocked[done] = (stream, data[sent..], endStream);
                break;
            }
        }

        _blocked.RemoveRange(0, done);
        Flush();
    }

    private void AppendFrame(byte type, byte flags, int streamId, ReadOnlySpan<byte> payload)
    {
        var destination = Reserve(Http2Frame.HeaderLength + payload.Length);
        Http2Frame.WriteHeader(destination, payload.Length, type, flags, streamId);
        payload.CopyTo(destination[Http2Frame.HeaderLength..]);
    }

    private void AppendWindowUpdate(int streamId, int increment)
    {
        Span<byte> payload = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(payload, increment);
        AppendFrame(Http2Frame.WindowUpdate, 0, streamId, payload);
    }

    private Span<byte> Reserve(int length)
    {
        if (_sendBuffer.Length < _sendLength + length)
        {
            Array.Resize(ref _sendBuffer, Math.Max(_sendLength + length, _sendBuffer.Length * 2));
        }

        var span = _sendBuffer.AsSpan(_sendLength, length);
        _sendLength += length;
        return span;
    }

    private void Flush()
    {
        var offset = 0;
        try
        {
            while (offset < _sendLength)
            {
                offset += _socket.Send(_sendBuffer.AsSpan(offset, _sendLength - offset));
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            _closed = true;
        }

        _sendLength = 0;
    }

    private void ReadLoop()
    {
        var buffer = new byte[1 << 20];
        int start = 0, end = 0;
        try
        {
            while (true)
            {
                while (end - start >= Http2Frame.HeaderLength)
                {
                    var header = buffer.AsSpan(start, Http2Frame.HeaderLength);
                    var length = Http2Frame.ReadLength(header);
                    if (end - start < Http2Frame.HeaderLength + length)
                    {
                        break;
                    }

                    OnFrame(header[3], header[4], Http2Frame.ReadStreamId(header), buffer.AsSpan(start + Http2Frame.HeaderLength, length));
                    start += Http2Frame.HeaderLength + length;
                }

                if (start == end)
                {
                    start = end = 0;
                }
                else if (buffer.Length - end < Http2Frame.DefaultMaxFrameSize + Http2Frame.HeaderLength)
                {
                    buffer.AsSpan(start, end - start).CopyTo(buffer);
                    end -= start;
                    start = 0;
                }

                var read = _socket.Receive(buffer.AsSpan(end));
                if (read == 0)
                {
                    break;
                }

                end += read;
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or Http2ProtocolException)
        {
            if (!_closed)
            {
                Console.Error.WriteLine($"wire client: connection lost: {e.Message}");
            }
        }

        Close();
    }

    private void OnFrame(byte type, byte flags, int streamId, ReadOnlySpan<byte> payload)
    {
        switch (type)
        {
            case Http2Frame.Data:
                OnData(flags, streamId, payload);
                break;
            case Http2Frame.Headers:
            case Http2Frame.Continuation:
                OnHeaders(type, flags, streamId, payload);
                break;
            case Http2Frame.Settings when (flags & Http2Frame.Ack) == 0:
                OnSettings(payload);
                break;
            case Http2Frame.Ping when (flags & Http2Frame.Ack) == 0:
                lock (_lock)
                {
                    AppendFrame(Http2Frame.Ping, Http2Frame.Ack, 0, payload);
                    Flush();
                }

                break;
            case Http2Frame.WindowUpdate:
                OnWindowUpdate(streamId, BinaryPrimitives.ReadInt32BigEndian(payload) & int.MaxValue);
                break;
            case Http2Frame.RstStream:
                End(streamId, -1);
                break;
            case Http2Frame.GoAway:
                throw new Http2ProtocolException("the server sent GOAWAY");
        }
    }

    private void OnData(byte flags, int streamId, ReadOnlySpan<byte> payload)
    {
        _receivedSinceUpdate += payload.Length;
        if (_receivedSinceUpdate >= ReceiveUpdateThreshold)
        {
            lock (_lock)
            {
                AppendWindowUpdate(0, (int)_receivedSinceUpdate);
                Flush();
            }

            _receivedSinceUpdate = 0;
        }

        var stream = Find(streamId);
        if (stream is null)
        {
            return;
        }

        stream.Receive(Http2Frame.Unpad(payload, flags, headers: false));
        if ((flags & Http2Frame.EndStream) != 0)
        {
            End(streamId, stream.GrpcStatus ?? -1);
        }
    }

    private void OnHeaders(byte type, byte flags, int streamId, ReadOnlySpan<byte> payload)
    {
        var stream = Find(streamId);
        if (stream is null)
        {
            return;
        }

        var fragment = type == Http2Frame.Headers ? Http2Frame.Unpad(payload, flags, headers: true) : payload;
        if (type == Http2Frame.Headers)
        {
            stream.EndsWithHeaders = (flags & Http2Frame.EndStream) != 0;
        }

        if ((flags & Http2Frame.EndHeaders) == 0 || stream.HeaderFragments is not null)
        {
            stream.HeaderFragments = [.. stream.HeaderFragments ?? [], .. fragment];
            if ((flags & Http2Frame.EndHeaders) == 0)
            {
                return;
            }

            fragment = stream.HeaderFragments;
            stream.HeaderFragments = null;
        }

        Hpack.ReadStatuses(fragment, ref stream.HttpStatus, ref stream.GrpcStatus);
        if (stream.EndsWithHeaders)
        {
            End(streamId, stream.GrpcStatus ?? -1);
        }
    }

    private void OnSettings(ReadOnlySpan<byte> payload)
    {
        lock (_lock)
        {
            for (var i = 0; i + 6 <= payload.Length; i += 6)
            {
                var id = BinaryPrimitives.ReadUInt16BigEndian(payload[i..]);
                var value = BinaryPrimitives.ReadInt32BigEndian(payload[(i + 2)..]);
                switch (id)
                {
                    case Http2Frame.SettingsInitialWindowSize:
                        foreach (var stream in _streams.Values)
                        {
                            stream.SendWindow += value - _peerInitialWindow;
                        }

                        _peerInitialWindow = value;
                        break;
                    case Http2Frame.SettingsMaxFrameSize:
                        _peerMaxFrame = value;
                        break;
                    case Http2Frame.SettingsMaxConcurrentStreams:
                        _peerMaxStreams = value;
                        break;
                }
            }

            AppendFrame(Http2Frame.Settings, Http2Frame.Ack, 0, []);
            ReleaseBlocked();
        }

        _settingsReceived.Set();
    }

    private void OnWindowUpdate(int streamId, int increment)
    {
        lock (_lock)
        {
            if (streamId == 0)
            {
                _sendWindow += increment;
            }
            else if (_streams.TryGetValue(streamId, out var stream))
            {
                stream.SendWindow += increment;
            }

            if (_blocked.Count > 0)
            {
                ReleaseBlocked();
            }
        }
    }

    private WireStream? Find(int streamId)
    {
        lock (_lock)
        {
            return _streams.GetValueOrDefault(streamId);
        }
    }

    private void End(int streamId, int grpcStatus)
    {
        WireStream? stream;
        lock (_lock)
        {
            if (!_streams.Remove(streamId, out stream))
            {
                return;
            }
        }

        stream.Handler.OnEnd(stream, grpcStatus);
    }

    private void Close()
    {
        WireStream[] open;
        lock (_lock)
        {
            _closed = true;
            open = [.. _streams.Values];
            _streams.Clear();
            _blocked.Clear();
        }

        _settingsReceived.Set();
        foreach (var stream in open)
        {
            stream.Handler.OnEnd(stream, -1);
        }
    }
}
