using System.Text;
using PhiGate.Rego.Values;

namespace PhiGate.Rego.Builtins;

/// <summary>
/// String builtins: <c>concat</c>, <c>contains</c>, <c>startswith</c>, <c>endswith</c>, <c>lower</c>,
/// <c>upper</c>, <c>split</c>, <c>strings.split_n</c>, <c>replace</c>, <c>strings.replace_n</c>,
/// <c>strings.reverse</c>, <c>strings.count</c>, prefix/suffix matching. Positions and lengths count
/// Unicode code points, as OPA does.
/// </summary>
internal static partial class StringBuiltins
{
    /// <summary>Largest string a builtin may produce (a policy must not be able to exhaust memory).</summary>
    internal const int MaxResultLength = 64 * 1024 * 1024;

    private static readonly string[] Str = ["string"];
    private static readonly string[] StrStr = ["string", "string"];

    public static void Register(BuiltinRegistry r)
    {
        r.Add("concat", ["string", "any<array[string], set[string]>"], "string", Concat);
        r.Add("contains", StrStr, "boolean", static (_, a) => Value.From(Args.String(a, 0).Contains(Args.String(a, 1), StringComparison.Ordinal)));
        r.Add("startswith", StrStr, "boolean", static (_, a) => Value.From(Args.String(a, 0).StartsWith(Args.String(a, 1), StringComparison.Ordinal)));
        r.Add("endswith", StrStr, "boolean", static (_, a) => Value.From(Args.String(a, 0).EndsWith(Args.String(a, 1), StringComparison.Ordinal)));
        r.Add("lower", Str, "string", static (_, a) => Value.From(Args.String(a, 0).ToLowerInvariant()));
        r.Add("upper", Str, "string", static (_, a) => Value.From(Args.String(a, 0).ToUpperInvariant()));
        r.Add("split", StrStr, "array[string]", static (_, a) => ToArray(Split(Args.String(a, 0), Args.String(a, 1))));
        r.Add("strings.split_n", ["string", "string", "number"], "array[string]", SplitN);
        r.Add("replace", ["string", "string", "string"], "string", Replace);
        r.Add("strings.replace_n", ["object[string: string]", "string"], "string", ReplaceN);
        r.Add("strings.reverse", Str, "string", static (_, a) => Value.From(Reverse(Args.String(a, 0))));
        r.Add("strings.count", StrStr, "number", static (_, a) => Value.From(Count(Args.String(a, 0), Args.String(a, 1))));
        r.Add("strings.any_prefix_match", ["any<string, array[string], set[string]>", "any<string, array[string], set[string]>"], "boolean", static (_, a) => AnyMatch(a, suffix: false));
        r.Add("strings.any_suffix_match", ["any<string, array[string], set[string]>", "any<string, array[string], set[string]>"], "boolean", static (_, a) => AnyMatch(a, suffix: true));
        RegisterTrim(r);
        RegisterSearch(r);
        RegisterFormat(r);
    }

    private static Value Concat(BuiltinContext ctx, ReadOnlySpan<Value> a)
    {
        var separator = Args.String(a, 0);
        var items = a[1] switch
        {
            ArrayValue x => x.Items,
            SetValue x => x.Items,
            _ => throw BuiltinErrors.OperandOneOf(1, a[1], "set", "array"),
        };

        var sb = new StringBuilder();
        for (var i = 0; i < items.Length; i++)
        {
            if (items[i] is not StringValue s)
            {
                throw BuiltinErrors.Type($"operand 2 must be {a[1].TypeName} of strings but got {a[1].TypeName} containing {items[i].TypeName}");
            }

            if (i > 0)
            {
                sb.Append(separator);
            }

            sb.Append(s.Value);
        }

        return Value.From(sb.ToString());
    }

    internal static Value ToArray(List<string> parts)
    {
        var values = new Value[parts.Count];
        for (var i = 0; i < parts.Count; i++)
        {
            values[i] = Value.From(parts[i]);
        }

        return Value.NewArray(values);
    }

    /// <summary>Go's <c>strings.Split</c>: an empty separator splits into code points.</summary>
    internal static List<string> Split(string text, string separator)
    {
        var parts = new List<string>();
        if (separator.Length == 0)
        {
            foreach (var rune in text.EnumerateRunes())
            {
                parts.Add(rune.ToString());
            }

            return parts;
        }

        var start = 0;
        while (true)
        {
            var idx = text.IndexOf(separator, start, StringComparison.Ordinal);
            if (idx < 0)
            {
                parts.Add(text[start..]);
                return parts;
            }

            parts.Add(text[start..idx]);
            start = idx + separator.Length;
        }
    }

    private static Value SplitN(BuiltinContext ctx, ReadOnlySpan<Value> a)
    {
        var text = Args.String(a, 0);
        var separator = Args.String(a, 1);
        var n = Args.Integer(a, 2);
        var parts = text.Length == 0 ? [string.Empty] : Split(text, separator);
        if (n.IsZero)
        {
            return Value.NewArray();
        }

        var take = (int)System.Numerics.BigInteger.Min(System.Numerics.BigInteger.Abs(n), parts.Count);
        return ToArray(n.Sign > 0 ? parts[..take] : parts[(parts.Count - take)..]);
    }

    private static Value Replace(BuiltinContext ctx, ReadOnlySpan<Value> a)
    {
        var text = Args.String(a, 0);
        var old = Args.String(a, 1);
        var replacement = Args.String(a, 2);
        return Value.From(ReplaceAll(text, [(old, replacement)]));
    }

    private static Value ReplaceN(BuiltinContext ctx, ReadOnlySpan<Value> a)
    {
        var patterns = Args.Object(a, 0);
        var text = Args.String(a, 1);
        var pairs = new List<(string Old, string New)>(patterns.Count);
        for (var i = 0; i < patterns.Count; i++)
        {
            if (patterns.Keys[i] is not StringValue k)
            {
                throw BuiltinErrors.Type("operand 1 non-string key found in pattern object");
            }

            if (patterns.Values[i] is not StringValue v)
            {
                throw BuiltinErrors.Type("operand 1 non-string value found in pattern object");
            }

            pairs.Add((k.Value, v.Value));
        }

        return Value.From(ReplaceAll(text, pairs));
    }

    /// <summary>
    /// Go's <c>strings.Replacer</c>: scans left to right; at each position the first pair (in the given
    /// order) whose old text matches wins; matches never overlap. An empty old text matches between runes.
    /// </summary>
    internal static string ReplaceAll(string text, IReadOnlyList<(string Old, string New)> pairs)
    {
        GuardReplacementSize(text, pairs);
        if (pairs.Count == 1 && pairs[0].Old.Length > 0)
        {
            return text.Replace(pairs[0].Old, pairs[0].New, StringComparison.Ordinal);
        }

        var sb = new StringBuilder(text.Length);
        var i = 0;
        var previousEmpty = false;
        while (i <= text.Length)
        {
            var match = -1;
            for (var k = 0; k < pairs.Count; k++)
            {
                var old = pairs[k].Old;
                if (old.Length == 0 ? !previousEmpty : text.AsSpan(i).StartsWith(old, StringComparison.Ordinal))
                {
                    match = k;
                    break;
                }
            }

            if (match >= 0)
            {
                sb.Append(pairs[match].New);
                previousEmpty = pairs[match].Old.Length == 0;
                i += pairs[match].Old.Length;
                continue;
            }

            previousEmpty = false;
            if (i == text.Length)
            {
                break;
            }

            var step = char.IsHighSurrogate(text[i]) && i + 1 < text.Length ? 2 : 1;
            sb.Append(text, i, step);
            i += step;
        }

        return sb.ToString();
    }

    /// <summary>Refuses replacements whose result would exceed <see cref="MaxResultLength"/> characters.</summary>
    private static void GuardReplacementSize(string text, IReadOnlyList<(string Old, string New)> pairs)
    {
        long worst = text.Length;
        foreach (var (old, replacement) in pairs)
        {
            if (replacement.Length <= old.Length)
            {
                continue;
            }

            var matches = old.Length == 0 ? text.Length + 1L : Count(text, old);
            worst += matches * (long)(replacement.Length - old.Length);
        }

        if (worst > MaxResultLength)
        {
            throw BuiltinErrors.Fail("result too large");
        }
    }

    internal static string Reverse(string text)
    {
        var runes = text.EnumerateRunes().ToArray();
        Array.Reverse(runes);
        var sb = new StringBuilder(text.Length);
        foreach (var r in runes)
        {
            sb.Append(r.ToString());
        }

        return sb.ToString();
    }

    private static int Count(string text, string sub)
    {
        if (sub.Length == 0)
        {
            return CountBuiltins.CountRunes(text) + 1;
        }

        var n = 0;
        var i = 0;
        while ((i = text.IndexOf(sub, i, StringComparison.Ordinal)) >= 0)
        {
            n++;
            i += sub.Length;
        }

        return n;
    }

    private static Value AnyMatch(ReadOnlySpan<Value> a, bool suffix)
    {
        var texts = StringOrStrings(a, 0);
        var affixes = StringOrStrings(a, 1);
        foreach (var t in texts)
        {
            foreach (var x in affixes)
            {
                if (suffix ? t.EndsWith(x, StringComparison.Ordinal) : t.StartsWith(x, StringComparison.Ordinal))
                {
                    return Value.True;
                }
            }
        }

        return Value.False;
    }

    private static List<string> StringOrStrings(ReadOnlySpan<Value> a, int i) => a[i] switch
    {
        StringValue s => [s.Value],
        ArrayValue or SetValue => Args.Strings(a, i),
        _ => throw BuiltinErrors.OperandOneOf(i, a[i], "string", "set", "array"),
    };
}
