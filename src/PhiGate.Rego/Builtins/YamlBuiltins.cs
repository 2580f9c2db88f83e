using System.Globalization;
using System.Text;
using PhiGate.Rego.Values;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PhiGate.Rego.Builtins;

/// <summary>
/// <c>yaml.marshal</c>, <c>yaml.unmarshal</c>, <c>yaml.is_valid</c>. YAML is read as JSON-compatible data
/// (plain scalars resolve to null, booleans and numbers the way YAML 1.1 resolvers do; quoted scalars stay strings).
/// </summary>
internal static class YamlBuiltins
{
    /// <summary>Aliases may expand exponentially ("billion laughs"); refuse documents that grow past this.</summary>
    private const int MaxNodes = 100_000;

    public static void Register(BuiltinRegistry r)
    {
        r.Add("yaml.marshal", ["any"], "string", static (_, a) => Value.From(Marshal(a[0])));
        r.Add("yaml.unmarshal", ["string"], "any", static (_, a) => Unmarshal(Args.String(a, 0)));
        r.Add("yaml.is_valid", ["any"], "boolean", static (ctx, a) => Value.From(a[0] is StringValue s && TryUnmarshal(s.Value, out _, out _)));
    }

    private static Value Unmarshal(string text) =>
        TryUnmarshal(text, out var value, out var error) ? value : throw BuiltinErrors.Fail(error);

    private static bool TryUnmarshal(string text, out Value value, out string error)
    {
        value = Value.Null;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            var budget = MaxNodes;
            value = stream.Documents.Count == 0 ? Value.Null : Convert(stream.Documents[0].RootNode, ref budget);
            error = string.Empty;
            return true;
        }
        catch (YamlException ex)
        {
            error = $"yaml: line {ex.Start.Line}: {ex.Message}";
            return false;
        }
        catch (BuiltinException ex)
        {
            error = ex.Message;
            return false;
        }
    }

    private static Value Convert(YamlNode node, ref int budget)
    {
        if (--budget < 0)
        {
            throw BuiltinErrors.Fail("yaml: document too large");
        }

        switch (node)
        {
            case YamlMappingNode map:
                var b = new ObjectBuilder(map.Children.Count);
                foreach (var (k, v) in map.Children)
                {
                    var key = Convert(k, ref budget);
                    b.Add(key is StringValue ? key : Value.From(key is NumberValue n ? n.ToNumberText() : key.ToString()), Convert(v, ref budget));
                }

                return b.Build();
            case YamlSequenceNode seq:
                var items = new List<Value>(seq.Children.Count);
                foreach (var child in seq.Children)
                {
                    items.Add(Convert(child, ref budget));
                }

                return Value.NewArray([.. items]);
            case YamlScalarNode scalar:
                return Scalar(scalar);
            default:
                return Value.Null;
        }
    }

    private static Value Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? string.Empty;
        if (scalar.Style is not (ScalarStyle.Plain or ScalarStyle.Any))
        {
            return Value.From(text);
        }

        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return Value.Null;
            case "true" or "True" or "TRUE" or "yes" or "Yes" or "YES" or "on" or "On" or "ON" or "y" or "Y":
                return Value.True;
            case "false" or "False" or "FALSE" or "no" or "No" or "NO" or "off" or "Off" or "OFF" or "n" or "N":
                return Value.False;
        }

        if (NumberValue.TryParse(text, out var number))
        {
            return number;
        }

        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            && long.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex))
        {
            return Value.From(hex);
        }

        return Value.From(text);
    }

    /// <summary>Block-style YAML of the value's JSON form (sets become sequences, keys sorted).</summary>
    private static string Marshal(Value value)
    {
        var sb = new StringBuilder();
        Write(sb, value, 0, inSequence: false);
        if (sb.Length == 0 || sb[^1] != '\n')
        {
            sb.Append('\n');
        }

        return sb.ToString();
    }

    private static void Write(StringBuilder sb, Value value, int indent, bool inSequence)
    {
        switch (value)
        {
            case ObjectValue o when o.Count > 0:
                var keys = Enumerable.Range(0, o.Count)
                    .Select(i => (Key: o.Keys[i] is StringValue s ? s.Value : JsonText.Serialize(o.Keys[i]), Value: o.Values[i]))
                    .OrderBy(e => e.Key, StringComparer.Ordinal).ToList();
                for (var i = 0; i < keys.Count; i++)
                {
                    if (i > 0 || !inSequence)
                    {
                        sb.Append(' ', indent);
                    }

                    sb.Append(ScalarText(keys[i].Key)).Append(':');
                    WriteChild(sb, keys[i].Value, indent);
                }

                break;
            case ArrayValue or SetValue when Items(value).Length > 0:
                var first = true;
                foreach (var item in Items(value))
                {
                    if (!first || !inSequence)
                    {
                        sb.Append(' ', indent);
                    }

                    first = false;
                    sb.Append("- ");
                    if (item is ObjectValue { Count: > 0 } or ArrayValue { Count: > 0 } or SetValue { Count: > 0 })
                    {
                        Write(sb, item, indent + 2, inSequence: true);
                    }
                    else
                    {
                        sb.Append(Inline(item)).Append('\n');
                    }
                }

                break;
            default:
                sb.Append(Inline(value)).Append('\n');
                break;
        }
    }

    private static void WriteChild(StringBuilder sb, Value child, int indent)
    {
        switch (child)
        {
            case ObjectValue { Count: > 0 }:
                sb.Append('\n');
                Write(sb, child, indent + 2, inSequence: false);
                break;
            case ArrayValue { Count: > 0 } or SetValue { Count: > 0 }:
                sb.Append('\n');
                Write(sb, child, indent, inSequence: false);
                break;
            default:
                sb.Append(' ').Append(Inline(child)).Append('\n');
                break;
        }
    }

    private static ReadOnlySpan<Value> Items(Value v) => v is ArrayValue a ? a.Items : ((SetValue)v).Items;

    private static string Inline(Value v) => v switch
    {
        NullValue => "null",
        BooleanValue b => b.Value ? "true" : "false",
        NumberValue n => n.ToNumberText(),
        StringValue s => ScalarText(s.Value),
        ObjectValue => "{}",
        _ => "[]",
    };

    /// <summary>Quotes a string when plain YAML would read it as something else.</summary>
    private static string ScalarText(string s)
    {
        var plainOk = s.Length > 0
            && Scalar(new YamlScalarNode(s) { Style = ScalarStyle.Plain }) is StringValue
            && !s.Any(c => c is ':' or '#' or '\n' or '"' or '\'' or '{' or '}' or '[' or ']' or ',' or '&' or '*' or '!' or '|' or '>' or '%' or '@' or '`')
            && !char.IsWhiteSpace(s[0]) && !char.IsWhiteSpace(s[^1]) && s[0] is not ('-' or '?');
        return plainOk ? s : JsonText.Serialize(Value.From(s));
    }
}
