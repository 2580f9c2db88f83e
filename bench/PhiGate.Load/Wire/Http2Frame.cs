using System.Buffers.Binary;

namespace PhiGate.Load.Wire;

/// <summary>HTTP/2 frame types, flags and settings the wire client uses (RFC 9113 §6), and the 9-byte frame header.</summary>
internal static class Http2Frame
{
    public const int HeaderLength = 9;

    /// <summary>The protocol's default and minimum SETTINGS_MAX_FRAME_SIZE; the client never asks for more.</summary>
    public const int DefaultMaxFrameSize = 16_384;

    public const int MaxWindow = int.MaxValue;

    public const byte Data = 0x0;
    public const byte Headers = 0x1;
    public const byte RstStream = 0x3;
    public const byte Settings = 0x4;
    public const byte Ping = 0x6;
    public const byte GoAway = 0x7;
    public const byte WindowUpdate = 0x8;
    public const byte Continuation = 0x9;

    public const byte EndStream = 0x1;
    public const byte Ack = 0x1;
    public const byte EndHeaders = 0x4;
    public const byte Padded = 0x8;
    public const byte Priority = 0x20;

    public const ushort SettingsHeaderTableSize = 0x1;
    public const ushort SettingsEnablePush = 0x2;
    public const ushort SettingsMaxConcurrentStreams = 0x3;
    public const ushort SettingsInitialWindowSize = 0x4;
    public const ushort SettingsMaxFrameSize = 0x5;

    public static ReadOnlySpan<byte> Preface => "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"u8;

    public static void WriteHeader(Span<byte> destination, int length, byte type, byte flags, int streamId)
    {
        destination[0] = (byte)(length >> 16);
        destination[1] = (byte)(length >> 8);
        destination[2] = (byte)length;
        destination[3] = type;
        destination[4] = flags;
        BinaryPrimitives.WriteInt32BigEndian(destination[5..], streamId & int.MaxValue);
    }

    public static int ReadLength(ReadOnlySpan<byte> header) => (header[0] << 16) | (header[1] << 8) | header[2];

    public static int ReadStreamId(ReadOnlySpan<byte> header) => BinaryPrimitives.ReadInt32BigEndian(header[5..]) & int.MaxValue;

    /// <summary>The payload of a DATA or HEADERS frame without its padding (and, for HEADERS, its priority fields).</summary>
    public static ReadOnlySpan<byte> Unpad(ReadOnlySpan<byte> payload, byte flags, bool headers)
    {
        var start = 0;
        var end = payload.Length;
        if ((flags & Padded) != 0)
        {
            end -= payload[0];
            start = 1;
        }

        if (headers && (flags & Priority) != 0)
        {
            start += 5;
        }

        if (start > end)
        {
            throw new Http2ProtocolException("a frame's padding is longer than its payload");
        }

        return payload[start..end];
    }
}

/// <summary>The server broke the protocol, or used a part of it this client does not implement.</summary>
internal sealed class Http2ProtocolException(string message) : Exception(message);
