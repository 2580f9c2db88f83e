using System.Collections;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using PhiGate.Rego.Values;
using ProtoValue = Google.Protobuf.WellKnownTypes.Value;
using Struct = Google.Protobuf.WellKnownTypes.Struct;

namespace PhiGate.Authz.PolicyInput;

/// <summary>
/// Turns a protobuf message into a Rego object the way opa-envoy-plugin maps a CheckRequest: JSON field names
/// (<c>socketAddress</c>, <c>contextExtensions</c>), only populated fields, enums as numbers, 64-bit integers as
/// numbers, bytes as base64, <c>google.protobuf.Struct</c> as a plain object, other well-known messages
/// (<c>Timestamp</c>) field by field.
/// </summary>
internal static class ProtoValueMapper
{
    public static ObjectValue Map(IMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message is Struct structValue)
        {
            return MapStruct(structValue);
        }

        var builder = new ObjectBuilder(8);
        foreach (var field in message.Descriptor.Fields.InFieldNumberOrder())
        {
            if (!IsPopulated(field, message, out var value))
            {
                continue;
            }

            builder.Add(field.JsonName, MapField(field, value));
        }

        return builder.Build();
    }

    public static ObjectValue MapStruct(Struct value)
    {
        var builder = new ObjectBuilder(value.Fields.Count);
        foreach (var (key, item) in value.Fields)
        {
            builder.Add(key, MapStructValue(item));
        }

        return builder.Build();
    }

    private static Value MapStructValue(ProtoValue value) => value.KindCase switch
    {
        ProtoValue.KindOneofCase.StringValue => Value.From(value.StringValue),
        ProtoValue.KindOneofCase.NumberValue => Value.From(value.NumberValue),
        ProtoValue.KindOneofCase.BoolValue => Value.From(value.BoolValue),
        ProtoValue.KindOneofCase.StructValue => MapStruct(value.StructValue),
        ProtoValue.KindOneofCase.ListValue => Value.NewArray([.. value.ListValue.Values.Select(MapStructValue)]),
        _ => Value.Null,
    };

    private static bool IsPopulated(FieldDescriptor field, IMessage message, out object? value)
    {
        value = null;
        if (field.RealContainingOneof is { } oneof && oneof.Accessor.GetCaseFieldDescriptor(message) != field)
        {
            return false;
        }

        if (field.HasPresence && !field.IsRepeated && !field.IsMap && !field.Accessor.HasValue(message))
        {
            return false;
        }

        value = field.Accessor.GetValue(message);
        return value switch
        {
            null => false,
            ICollection collection => collection.Count > 0,
            string text => text.Length > 0 || field.HasPresence,
            ByteString bytes => !bytes.IsEmpty || field.HasPresence,
            bool flag => flag || field.HasPresence,
            int or long or uint or ulong or float or double => !IsZero(value) || field.HasPresence,
            System.Enum => Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture) != 0 || field.HasPresence,
            _ => true,
        };
    }

    private static bool IsZero(object number) => number switch
    {
        int i => i == 0,
        long l => l == 0,
        uint u => u == 0,
        ulong ul => ul == 0,
        float f => f == 0,
        double d => d == 0,
        _ => false,
    };

    private static Value MapField(FieldDescriptor field, object? value)
    {
        if (field.IsMap)
        {
            var map = (IDictionary)value!;
            var valueField = field.MessageType.FindFieldByNumber(2);
            var builder = new ObjectBuilder(map.Count);
            foreach (DictionaryEntry entry in map)
            {
                builder.Add(MapKey(entry.Key), MapScalarOrMessage(valueField, entry.Value));
            }

            return builder.Build();
        }

        if (field.IsRepeated)
        {
            var list = (IList)value!;
            var items = new Value[list.Count];
            for (var i = 0; i < items.Length; i++)
            {
                items[i] = MapScalarOrMessage(field, list[i]);
            }

            return Value.NewArray(items);
        }

        return MapScalarOrMessage(field, value);
    }

    private static string MapKey(object key) => key switch
    {
        string s => s,
        bool b => b ? "true" : "false",
        _ => Convert.ToString(key, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty,
    };

    private static Value MapScalarOrMessage(FieldDescriptor field, object? value) => value switch
    {
        null => Value.Null,
        IMessage message => Map(message),
        string s => Value.From(s),
        bool b => Value.From(b),
        int i => Value.From(i),
        long l => Value.From(l),
        uint u => Value.From((long)u),
        ulong ul => Value.From(new System.Numerics.BigInteger(ul)),
        float f => Value.From((double)f),
        double d => Value.From(d),
        ByteString bytes => Value.From(bytes.ToBase64()),
        System.Enum => Value.From(Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture)),
        _ => throw new InvalidOperationException($"Unmapped protobuf field type in {field.FullName}."),
    };
}
