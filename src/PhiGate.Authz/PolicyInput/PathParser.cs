using System.Text;
using PhiGate.Rego.Values;

namespace PhiGate.Authz.PolicyInput;

/// <summary>
/// <c>parsed_path</c> and <c>parsed_query</c> as opa-envoy-plugin computes them from <c>:path</c>: the part before
/// <c>?</c> percent-decoded, leading slashes trimmed, split on <c>/</c>; the query split on <c>&amp;</c> into
/// key → list of values, <c>+</c> as space. A bad escape or a <c>;</c> separator is an error (the request is denied).
/// </summary>
internal static class PathParser
{
    public static bool TryParse(string path, out Value parsedPath, out Value parsedQuery)
    {
        ArgumentNullException.ThrowIfNull(path);
        parsedPath = Value.Null;
        parsedQuery = Value.Null;
        var question = path.IndexOf('?', StringComparison.Ordinal);
        var rawPath = question < 0 ? path : path[..question];
        var rawQuery = question < 0 ? string.Empty : path[(question + 1)..];

        if (!TryUnescape(rawPath, plusIsSpace: false, out var decoded))
        {
            return false;
        }

        var segments = decoded.TrimStart('/').Split('/');
        parsedPath = Value.NewArray([.. segments.Select(Value.From)]);

        if (!TryParseQuery(rawQuery, out var query))
        {
            return false;
        }

        parsedQuery = query;
        return true;
    }

    /// <summary>Form and query syntax (<c>application/x-www-form-urlencoded</c>) into key → list of values.</summary>
    public static bool TryParseQuery(string query, out ObjectValue parsed)
    {
        var values = new Dictionary<string, List<Value>>(StringComparer.Ordinal);
        var ok = true;
        foreach (var pair in query.Split('&'))
        {
            if (pair.Length == 0)
            {
                continue;
            }

            if (pair.Contains(';', StringComparison.Ordinal))
            {
                ok = false;
                continue;
            }

            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var rawKey = equals < 0 ? pair : pair[..equals];
            var rawValue = equals < 0 ? string.Empty : pair[(equals + 1)..];
            if (!TryUnescape(rawKey, plusIsSpace: true, out var key) || !TryUnescape(rawValue, plusIsSpace: true, out var value))
            {
                ok = false;
                continue;
            }

            if (!values.TryGetValue(key, out var list))
            {
                list = [];
                values[key] = list;
            }

            list.Add(Value.From(value));
        }

        var builder = new ObjectBuilder(values.Count);
        foreach (var (key, list) in values)
        {
            builder.Add(key, Value.NewArray([.. list]));
        }

        parsed = builder.Build();
        return ok;
    }

    /// <summary>Strict percent-decoding: every <c>%</c> must start two hex digits; the bytes must be UTF-8 (invalid bytes become U+FFFD, as Go strings keep them).</summary>
    internal static bool TryUnescape(string text, bool plusIsSpace, out string decoded)
    {
        decoded = text;
        if (text.IndexOf('%', StringComparison.Ordinal) < 0 && !(plusIsSpace && text.Contains('+', StringComparison.Ordinal)))
        {
            return true;
        }

        var bytes = new List<byte>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '%')
            {
                if (i + 2 >= text.Length || !char.IsAsciiHexDigit(text[i + 1]) || !char.IsAsciiHexDigit(text[i + 2]))
                {
                    return false;
                }

                bytes.Add((byte)((HexValue(text[i + 1]) << 4) | HexValue(text[i + 2])));
                i += 2;
            }
            else if (c == '+' && plusIsSpace)
            {
                bytes.Add((byte)' ');
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(c.ToString()));
            }
        }

        decoded = Encoding.UTF8.GetString([.. bytes]);
        return true;
    }

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}
