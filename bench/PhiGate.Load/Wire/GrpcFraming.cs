using System.Buffers.Binary;
using Google.Protobuf;

namespace PhiGate.Load.Wire;

/// <summary>gRPC's length-prefixed message framing: a compression flag (0) and a big-endian length, then the message.</summary>
internal static class GrpcFraming
{
    public static byte[] Frame(IMessage message)
    {
        var size = message.CalculateSize();
        var framed = new byte[5 + size];
        BinaryPrimitives.WriteInt32BigEndian(framed.AsSpan(1), size);
        message.WriteTo(framed.AsSpan(5));
        return framed;
    }
}
