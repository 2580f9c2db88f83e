using System.Text;
using System.Text.Json;
using PhiGate.Rego.Values;

namespace PhiGate.Rego.Builtins;

/// <summary>
/// Encodings: <c>json.*</c> (marshal, marshal_with_options, unmarshal, is_valid), <c>base64.*</c>,
/// <c>base64url.*</c>, <c>hex.*</c> and <c>urlquery.*</c>. Decoders accept and reject exactly what Go does.
/// </summary>
internal static partial class EncodingBuiltins
{
    private static readonly string[] Str = ["string"];

    public static void Register(BuiltinRegistry r)
    {
        r.Add("json.marshal", ["any"], "string", static (_, a) => Value.From(JsonText.Serialize(a[0], escapeHtml: true)));
        r.Add("json.marshal_with_options", ["any", "object[string: any]"], "string", MarshalWithOptions);
        r.Add("json.unmarshal", Str, "any", static (_, a) => Unmarshal(Args.String(a, 0)));
        r.Add("json.is_valid", ["any"], "boolean", static (_, a) => Value.From(a[0] is StringValue s && IsValidJson(s.Value)));
        r.Add("base64.encode", Str, "string", static (_, a) => Value.From(GoEncoding.Base64Encode(Bytes(a, 0), url: false, pad: true)));
        r.Add("base64.decode", Str, "string", static (_, a) => Base64Decode(Args.String(a, 0), url: false));
        r.Add("base64.is_valid", ["any"], "boolean", static (ctx, a) =>
            Value.From(a[0] is StringValue s && GoEncoding.TryBase64Decode(s.Value, url: false, padded: true, out _, out _)));
        r.Add("base64url.encode", Str, "string", static (_, a) => Value.From(GoEncoding.Base64Encode(Bytes(a, 0), url: true, pad: true)));
        r.Add("base64url.encode_no_pad", Str, "string", static (_, a) => Value.From(GoEncoding.Base64Encode(Bytes(a, 0), url: true, pad: false)));
        r.Add("base64url.decode", Str, "string", static (_, a) => Base64UrlDecode(Args.String(a, 0)));
        r.Add("hex.encode", Str, "string", static (_, a) => Value.From(GoEncoding.HexEncode(Bytes(a, 0))));
        r.Add("hex.decode", Str, "string", static (_, a) =>
            GoEncoding.TryHexDecode(Args.String(a, 0), out var bytes, out var error)
                ? Value.From(GoEncoding.DecodeUtf8(bytes))
                : throw BuiltinErrors.Fail(error));
        RegisterUrlQuery(r);
    }

    private static byte[] Bytes(ReadOnlySpan<Value> a, int i) => Encoding.UTF8.GetBytes(Args.String(a, i));

    private static Value Base64Decode(string text, bool url) =>
        GoEncoding.TryBase64Decode(text, url, padded: true, out var bytes, out var error)
            ? Value.From(GoEncoding.DecodeUtf8(bytes))
            : throw BuiltinErrors.Fail(error);

    /// <summary>base64url tolerates missing padding (RFC 7515 appendix C).</summary>
    private static Value Base64UrlDecode(string text) =>
        GoEncoding.TryBase64UrlDecode(text, out var bytes, out var error)
            ? Value.From(GoEncoding.DecodeUtf8(bytes))
            : throw BuiltinErrors.Fail(error);

    internal static Value Unmarshal(string text)
    {
        try
        {
            return JsonValueReader.Parse(text);
        }
        catch (JsonException ex)
        {
            throw BuiltinErrors.Fail(JsonError(ex));
        }
    }

    private static string JsonError(JsonException ex) =>
        ex.BytePositionInLine is { } pos ? $"invalid JSON at offset {pos}" : "invalid JSON";

    private static bool IsValidJson(string text)
    {
        try
        {
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(text), new JsonReaderOptions { MaxDepth = 10_000 });
            while (reader.Read())
            {
            }

            return reader.BytesConsumed > 0;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static Value MarshalWithOptions(BuiltinContext ctx, ReadOnlySpan<Value> a)
    {
        var options = Args.Object(a, 1);
        var indent = "\t";
        var prefix = string.Empty;
        var implicitPretty = false;
        bool? explicitPretty = null;
        for (var i = 0; i < options.Count; i++)
        {
            var key = options.Keys[i];
            var value = options.Values[i];
            if (key is not StringValue k)
            {
                throw BuiltinErrors.Type($"operand 2 failed to stringify key {key} at index {i}: operand {i} must be string but got {key.TypeName}");
            }

            switch (k.Value)
            {
                case "prefix":
                    prefix = value is StringValue p ? p.Value : throw BuiltinErrors.Type($"operand 2 key {key} failed cast to string: operand {i} must be string but got {value.TypeName}");
                    implicitPretty = true;
                    break;
                case "indent":
                    indent = value is StringValue d ? d.Value : throw BuiltinErrors.Type($"operand 2 key {key} failed cast to string: operand {i} must be string but got {value.TypeName}");
                    implicitPretty = true;
                    break;
                case "pretty":
                    explicitPretty = value is BooleanValue b ? b.Value : throw BuiltinErrors.Type($"operand 2 key {key} failed cast to bool");
                    break;
                default:
                    throw BuiltinErrors.Type($"operand 2 object contained unknown key {key}");
            }
        }

        var compact = JsonText.Serialize(a[0], escapeHtml: true);
        return Value.From(explicitPretty ?? implicitPretty ? prefix + Indent(compact, prefix, indent) : compact);
    }

    /// <summary>Go's <c>json.Indent</c> over compact JSON: one element per line, empty containers stay <c>[]</c>/<c>{}</c>.</summary>
    internal static string Indent(string compact, string prefix, string indent)
    {
        var sb = new StringBuilder(compact.Length * 2);
        var depth = 0;
        var inString = false;
        var needIndent = false;
        for (var i = 0; i < compact.Length; i++)
        {
            var c = compact[i];
            if (inString)
            {
                sb.Append(c);
                if (c == '\\' && i + 1 < compact.Length)
                {
                    sb.Append(compact[++i]);
                }
                else if (c == '"')
                {
                    inString = false;
                }

                continue;
            }

            if (needIndent && c is not (']' or '}'))
            {
                needIndent = false;
                depth++;
                NewLine(sb, prefix, indent, depth);
            }

            switch (c)
            {
                case '"':
                    inString = true;
                    sb.Append(c);
                    break;
                case '{' or '[':
                    sb.Append(c);
                    needIndent = true;
                    break;
                case ',':
                    sb.Append(c);
                    NewLine(sb, prefix, indent, depth);
                    break;
                case ':':
                    sb.Append(": ");
                    break;
                case '}' or ']':
                    if (needIndent)
                    {
                        needIndent = false;
                    }
                    else
                    {
                        depth--;
                        NewLine(sb, prefix, indent, depth);
                    }

                    sb.Append(c);
                    break;
                default:
                    sb.Append(c);
                    break;
            }
        }

        return sb.ToString();
    }

    private static void NewLine(StringBuilder sb, string prefix, string indent, int depth)
    {
        sb.Append('\n').Append(prefix);
        for (var i = 0; i < depth; i++)
        {
            sb.Append(indent);
        }
    }
}
