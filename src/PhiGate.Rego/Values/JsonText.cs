using System.Globalization;
using System.Text;

namespace PhiGate.Rego.Values;

/// <summary>Writes values as JSON text the way OPA's Go JSON encoder does.</summary>
public static class JsonText
{
    /// <summary>Serialises a value to compact JSON (sets become sorted arrays, non-string keys their Rego text).</summary>
    public static string Serialize(Value value, bool escapeHtml = false)
    {
        var sb = new StringBuilder();
        Write(sb, value, escapeHtml);
        return sb.ToString();
    }

    /// <summary>Writes compact JSON.</summary>
    public static void Write(StringBuilder sb, Value value, bool escapeHtml = false)
    {
        switch (value)
        {
            case NullValue:
                sb.Append("null");
                break;
            case BooleanValue b:
                sb.Append(b.Value ? "true" : "false");
                break;
            case NumberValue n:
                sb.Append(n.ToNumberText());
                break;
            case StringValue s:
                WriteString(sb, s.Value, escapeHtml);
                break;
            case ArrayValue a:
                sb.Append('[');
                for (var i = 0; i < a.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(',');
                    }

                    Write(sb, a[i], escapeHtml);
                }

                sb.Append(']');
                break;
            case SetValue set:
                sb.Append('[');
                var first = true;
                foreach (var item in set.Items)
                {
                    if (!first)
                    {
                        sb.Append(',');
                    }

                    first = false;
                    Write(sb, item, escapeHtml);
                }

                sb.Append(']');
                break;
            case ObjectValue o:
                WriteObject(sb, o, escapeHtml);
                break;
        }
    }

    private static void WriteObject(StringBuilder sb, ObjectValue o, bool escapeHtml)
    {
        // Go sorts object keys by their string form when encoding.
        var keys = new string[o.Count];
        var idx = new int[o.Count];
        for (var i = 0; i < o.Count; i++)
        {
            keys[i] = o.Keys[i] is StringValue s ? s.Value : Serialize(o.Keys[i]);
            idx[i] = i;
        }

        Array.Sort(keys, idx, StringComparer.Ordinal);
        sb.Append('{');
        for (var i = 0; i < keys.Length; i++)
        {
            if (i > 0)
            {
                sb.Append(',');
            }

            WriteString(sb, keys[i], escapeHtml);
            sb.Append(':');
            Write(sb, o.Values[idx[i]], escapeHtml);
        }

        sb.Append('}');
    }

    /// <summary>Writes a JSON string literal.</summary>
    public static void WriteString(StringBuilder sb, string s, bool escapeHtml = false)
    {
        sb.Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"':
                    sb.Append("\\\"");
                    break;
                case '\\':
                    sb.Append("\\\\");
                    break;
                case '\n':
                    sb.Append("\\n");
                    break;
                case '\r':
                    sb.Append("\\r");
                    break;
                case '\t':
                    sb.Append("\\t");
                    break;
                case '<' or '>' or '&' when escapeHtml:
                    sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                case '\u2028' or '\u2029':
                    sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default:
                    if (c < 0x20)
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        sb.Append('"');
    }
}
