using Google.Protobuf;

namespace PhiGate.FunctionalTests.Wire;

/// <summary>Decodes a protobuf message into fields by number, without any generated type.</summary>
internal sealed class ProtoReader
{
    private readonly Dictionary<int, List<object>> _fields = [];

    public ProtoReader(byte[] bytes)
    {
        var input = new CodedInputStream(bytes);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            var field = WireFormat.GetTagFieldNumber(tag);
            object value = WireFormat.GetTagWireType(tag) switch
            {
                WireFormat.WireType.Varint => input.ReadUInt64(),
                WireFormat.WireType.LengthDelimited => input.ReadBytes().ToByteArray(),
                WireFormat.WireType.Fixed32 => input.ReadFixed32(),
                WireFormat.WireType.Fixed64 => input.ReadFixed64(),
                var other => throw new InvalidDataException($"unexpected wire type {other}"),
            };
            if (!_fields.TryGetValue(field, out var list))
            {
                _fields[field] = list = [];
            }

            list.Add(value);
        }
    }

    public IReadOnlyCollection<int> FieldNumbers => _fields.Keys;

    public bool Has(int field) => _fields.ContainsKey(field);

    public ulong Varint(int field) => _fields.TryGetValue(field, out var v) ? (ulong)v[^1] : 0;

    public string String(int field) => _fields.TryGetValue(field, out var v) ? System.Text.Encoding.UTF8.GetString((byte[])v[^1]) : string.Empty;

    public ProtoReader Message(int field) => new(_fields.TryGetValue(field, out var v) ? (byte[])v[^1] : []);

    public IEnumerable<ProtoReader> Messages(int field) =>
        _fields.TryGetValue(field, out var v) ? v.Select(b => new ProtoReader((byte[])b)) : [];
}
