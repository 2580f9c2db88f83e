using PhiGate.Rego.Values;
using Struct = Google.Protobuf.WellKnownTypes.Struct;
using ProtoValue = Google.Protobuf.WellKnownTypes.Value;
using RegoValue = PhiGate.Rego.Values.Value;

namespace PhiGate.Authz.Responses;

/// <summary>Rego values to <c>google.protobuf.Struct</c> for <c>dynamic_metadata</c> (sets become lists, numbers doubles).</summary>
internal static class StructConverter
{
    public static Struct ToStruct(ObjectValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var result = new Struct();
        for (var i = 0; i < value.Count; i++)
        {
            var key = value.Keys[i] is StringValue s ? s.Value : JsonText.Serialize(value.Keys[i]);
            result.Fields[key] = ToValue(value.Values[i]);
        }

        return result;
    }

    private static ProtoValue ToValue(RegoValue value) => value switch
    {
        NullValue => ProtoValue.ForNull(),
        BooleanValue b => ProtoValue.ForBool(b.Value),
        NumberValue n => ProtoValue.ForNumber(n.AsDouble),
        StringValue s => ProtoValue.ForString(s.Value),
        ArrayValue a => ProtoValue.ForList([.. a.Items.ToArray().Select(ToValue)]),
        SetValue set => ProtoValue.ForList([.. set.Items.ToArray().Select(ToValue)]),
        ObjectValue o => ProtoValue.ForStruct(ToStruct(o)),
        _ => ProtoValue.ForNull(),
    };
}
