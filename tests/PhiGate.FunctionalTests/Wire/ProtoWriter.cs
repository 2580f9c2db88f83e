using Google.Protobuf;

namespace PhiGate.FunctionalTests.Wire;

/// <summary>
/// Encodes protobuf messages from field numbers alone, as a client that has only Envoy's published
/// .proto tables (and none of PhiGate's code) would.
/// </summary>
internal sealed class ProtoWriter
{
    private readonly MemoryStream _buffer = new();
    private readonly CodedOutputStream _out;

    public ProtoWriter() => _out = new CodedOutputStream(_buffer, leaveOpen: true);

    public ProtoWriter String(int field, string value)
    {
        _out.WriteTag(field, WireFormat.WireType.LengthDelimited);
        _out.WriteString(value);
        return this;
    }

    public ProtoWriter Bytes(int field, byte[] value)
    {
        _out.WriteTag(field, WireFormat.WireType.LengthDelimited);
        _out.WriteBytes(ByteString.CopyFrom(value));
        return this;
    }

    public ProtoWriter Varint(int field, ulong value)
    {
        _out.WriteTag(field, WireFormat.WireType.Varint);
        _out.WriteUInt64(value);
        return this;
    }

    public ProtoWriter Message(int field, ProtoWriter message) => Bytes(field, message.ToArray());

    /// <summary>A <c>map&lt;string,string&gt;</c> entry: a nested message with key = 1 and value = 2.</summary>
    public ProtoWriter MapEntry(int field, string key, string value) => Message(field, new ProtoWriter().String(1, key).String(2, value));

    public byte[] ToArray()
    {
        _out.Flush();
        return _buffer.ToArray();
    }
}
