using System.Text;
using System.Text.Json;

namespace PhiGate.Rego.Values;

/// <summary>Reads JSON into values, keeping number text (integers exact, decimals as written).</summary>
public static class JsonValueReader
{
    private static readonly JsonReaderOptions Options = new() { MaxDepth = 512, CommentHandling = JsonCommentHandling.Disallow };

    /// <summary>Parses UTF-8 JSON bytes.</summary>
    /// <exception cref="JsonException">The text is not valid JSON or nests deeper than 512 levels.</exception>
    public static Value Parse(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8, Options);
        if (!reader.Read())
        {
            throw new JsonException("empty JSON document");
        }

        var v = ReadValue(ref reader);
        if (reader.Read())
        {
            throw new JsonException("unexpected data after JSON value");
        }

        return v;
    }

    /// <summary>Parses JSON text.</summary>
    public static Value Parse(string json) => Parse(Encoding.UTF8.GetBytes(json));

    /// <summary>Converts a <see cref="JsonElement"/>.</summary>
    public static Value FromElement(JsonElement e)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                var b = new ObjectBuilder();
                foreach (var p in e.EnumerateObject())
                {
                    var raw = System.Runtime.InteropServices.JsonMarshal.GetRawUtf8PropertyName(p);
                    Value key = raw.IndexOf((byte)'\\') < 0 ? KeyCache.Get(raw) : StringValue.Create(p.Name);
                    b.Add(key, FromElement(p.Value));
                }

                return b.Build();
            case JsonValueKind.Array:
                var items = new Value[e.GetArrayLength()];
                var i = 0;
                foreach (var x in e.EnumerateArray())
                {
                    items[i++] = FromElement(x);
                }

                return ArrayValue.Create(items);
            case JsonValueKind.String:
                return StringValue.Create(e.GetString()!);
            case JsonValueKind.Number:
                return NumberValue.TryParse(e.GetRawText(), out var n) ? n : throw new JsonException("number out of range");
            case JsonValueKind.True:
                return Value.True;
            case JsonValueKind.False:
                return Value.False;
            default:
                return Value.Null;
        }
    }

    private static Value ReadValue(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                var b = new ObjectBuilder();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    Value key = !reader.HasValueSequence && !reader.ValueIsEscaped
                        ? KeyCache.Get(reader.ValueSpan)
                        : StringValue.Create(reader.GetString()!);
                    reader.Read();
                    b.Add(key, ReadValue(ref reader));
                }

                return b.Build();
            case JsonTokenType.StartArray:
                var items = new Value[4];
                var count = 0;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (count == items.Length)
                    {
                        Array.Resize(ref items, count * 2);
                    }

                    items[count++] = ReadValue(ref reader);
                }

                if (count != items.Length)
                {
                    Array.Resize(ref items, count);
                }

                return ArrayValue.Create(items);
            case JsonTokenType.String:
                return StringValue.Create(reader.GetString()!);
            case JsonTokenType.Number:
                if (!reader.HasValueSequence && reader.TryGetInt64(out var small))
                {
                    return Value.From(small);
                }

                var text = Encoding.UTF8.GetString(reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan);
                return NumberValue.TryParse(text, out var n) ? n : throw new JsonException("number out of range");
            case JsonTokenType.True:
                return Value.True;
            case JsonTokenType.False:
                return Value.False;
            case JsonTokenType.Null:
                return Value.Null;
            default:
                throw new JsonException("unexpected JSON token");
        }
    }
}
