using System.Text;
using PhiGate.Rego.Values;

namespace PhiGate.Rego.Builtins;

internal static partial class EncodingBuiltins
{
    private static void RegisterUrlQuery(BuiltinRegistry r)
    {
        r.Add("urlquery.encode", Str, "string", static (_, a) => Value.From(GoEncoding.QueryEscape(Args.String(a, 0))));
        r.Add("urlquery.decode", Str, "string", static (_, a) =>
            GoEncoding.TryQueryUnescape(Args.String(a, 0), out var s, out var error) ? Value.From(s) : throw BuiltinErrors.Fail(error));
        r.Add("urlquery.encode_object", ["object[string: any<string, array[string], set[string]>]"], "string", EncodeObject);
        r.Add("urlquery.decode_object", Str, "object[string: array[string]]", DecodeObject);
        r.Add("uri.is_valid", ["any"], "boolean", static (_, a) => Value.From(a[0] is StringValue s && IsValidUri(s.Value)));
    }

    /// <summary>Like Go's <c>url.ParseRequestURI</c>: an absolute URI or an absolute path.</summary>
    private static bool IsValidUri(string text)
    {
        if (text.Length == 0 || text.Any(static c => c is ' ' or '\t' or '\n' or '\r' || char.IsControl(c)))
        {
            return false;
        }

        if (text[0] == '/')
        {
            return Uri.TryCreate("http://host" + text, UriKind.Absolute, out _);
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !char.IsAsciiLetter(text[0]) || !text[..colon].All(static c => char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.'))
        {
            return false;
        }

        return Uri.TryCreate(text, UriKind.Absolute, out _);
    }

    private static Value EncodeObject(BuiltinContext ctx, ReadOnlySpan<Value> a)
    {
        var obj = Args.Object(a, 0);
        var pairs = new List<(string Key, string Value)>();
        for (var i = 0; i < obj.Count; i++)
        {
            var key = obj.Keys[i] is StringValue ks ? ks.Value : obj.Keys[i].ToString();
            switch (obj.Values[i])
            {
                case StringValue s:
                    pairs.Add((key, s.Value));
                    break;
                case ArrayValue or SetValue:
                    var items = obj.Values[i] is ArrayValue arr ? arr.Items : ((SetValue)obj.Values[i]).Items;
                    foreach (var v in items)
                    {
                        pairs.Add((key, v is StringValue vs ? vs.Value : throw EncodeObjectError()));
                    }

                    break;
                default:
                    throw EncodeObjectError();
            }
        }

        // url.Values.Encode sorts by key and keeps each key's values in order.
        var sb = new StringBuilder();
        foreach (var (key, value) in pairs.OrderBy(static p => p.Key, StringComparer.Ordinal))
        {
            if (sb.Length > 0)
            {
                sb.Append('&');
            }

            sb.Append(GoEncoding.QueryEscape(key)).Append('=').Append(GoEncoding.QueryEscape(value));
        }

        return Value.From(sb.ToString());
    }

    private static BuiltinException EncodeObjectError() =>
        BuiltinErrors.Type("operand 1 values must be string, array[string], or set[string]");

    private static Value DecodeObject(BuiltinContext ctx, ReadOnlySpan<Value> a)
    {
        var query = Args.String(a, 0);
        var values = new Dictionary<string, List<Value>>(StringComparer.Ordinal);
        string? firstError = null;
        foreach (var part in query.Split('&'))
        {
            if (part.Length == 0)
            {
                continue;
            }

            if (part.Contains(';', StringComparison.Ordinal))
            {
                firstError ??= "invalid semicolon separator in query";
                continue;
            }

            var eq = part.IndexOf('=', StringComparison.Ordinal);
            var rawKey = eq < 0 ? part : part[..eq];
            var rawValue = eq < 0 ? string.Empty : part[(eq + 1)..];
            if (!GoEncoding.TryQueryUnescape(rawKey, out var key, out var error) || !GoEncoding.TryQueryUnescape(rawValue, out var value, out error))
            {
                firstError ??= error;
                continue;
            }

            if (!values.TryGetValue(key, out var list))
            {
                values[key] = list = [];
            }

            list.Add(Value.From(value));
        }

        if (firstError is not null)
        {
            throw BuiltinErrors.Fail(firstError);
        }

        var b = new ObjectBuilder(values.Count);
        foreach (var (k, v) in values)
        {
            b.Add(k, Value.NewArray([.. v]));
        }

        return b.Build();
    }
}
