using System.Text;
using System.Text.RegularExpressions;
using PhiGate.Rego.Values;

namespace PhiGate.Rego.Builtins;

/// <summary>
/// Regular expressions with RE2 semantics (<c>regex.*</c>): patterns are translated once and run on the
/// linear-time engine, so a hostile pattern or input cannot make evaluation backtrack exponentially.
/// </summary>
internal static class RegexBuiltins
{
    private static readonly string[] StrStr = ["string", "string"];

    public static void Register(BuiltinRegistry r)
    {
        r.Add("regex.match", StrStr, "boolean", static (_, a) => Value.From(Compile(Args.String(a, 0)).IsMatch(Args.String(a, 1))));
        r.Alias("re_match", "regex.match");
        r.Add("regex.is_valid", ["any"], "boolean", static (ctx, a) =>
            Value.From(a[0] is StringValue s && Re2Regex.TryGet(s.Value, out _, out _)));
        r.Add("regex.split", StrStr, "array[string]", static (_, a) => StringBuiltins.ToArray(Compile(Args.String(a, 0)).Split(Args.String(a, 1))));
        r.Add("regex.find_n", ["string", "string", "number"], "array[string]", FindN);
        r.Add("regex.find_all_string_submatch_n", ["string", "string", "number"], "array[array[string]]", FindAllSubmatch);
        r.Add("regex.replace", ["string", "string", "string"], "string", Replace);
        r.Add("regex.template_match", ["string", "string", "string", "string"], "boolean", TemplateMatch);
        r.Add("regex.globs_match", StrStr, "boolean", static (_, a) =>
            Value.From(GlobIntersection.NonEmpty(Args.String(a, 0), Args.String(a, 1))));
    }

    private static Re2Regex Compile(string pattern) =>
        Re2Regex.TryGet(pattern, out var regex, out var error) ? regex! : throw BuiltinErrors.Fail(error);

    private static Value FindN(BuiltinContext ctx, ReadOnlySpan<Value> a)
    {
        var regex = Compile(Args.String(a, 0));
        var text = Args.String(a, 1);
        var n = Args.Int32(a, 2);
        var matches = regex.FindAll(text, n);
        var values = new Value[matches.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = Value.From(matches[i].Value);
        }

        return Value.NewArray(values);
    }

    private static Value FindAllSubmatch(BuiltinContext ctx, ReadOnlySpan<Value> a)
    {
        var regex = Compile(Args.String(a, 0));
        var text = Args.String(a, 1);
        var n = Args.Int32(a, 2);
        var matches = regex.FindAll(text, n);
        var outer = new Value[matches.Count];
        for (var i = 0; i < outer.Length; i++)
        {
            ctx.CancellationToken.ThrowIfCancellationRequested();
            var groups = matches[i].Groups;
            var inner = new Value[groups.Count];
            for (var g = 0; g < inner.Length; g++)
            {
                inner[g] = Value.From(groups[g].Success ? groups[g].Value : string.Empty);
            }

            outer[i] = Value.NewArray(inner);
        }

        return Value.NewArray(outer);
    }

    private static Value Replace(BuiltinContext ctx, ReadOnlySpan<Value> a)
    {
        var text = Args.String(a, 0);
        var regex = Compile(Args.String(a, 1));
        var replacement = Args.String(a, 2);
        var sb = new StringBuilder(text.Length);
        var last = 0;
        foreach (var m in regex.FindAll(text, -1))
        {
            sb.Append(text, last, m.Index - last);
            Expand(sb, replacement, m, regex.Regex);
            last = m.Index + m.Length;
        }

        sb.Append(text, last, text.Length - last);
        return Value.From(sb.ToString());
    }

    /// <summary>Go's <c>Regexp.Expand</c>: <c>$1</c>, <c>${1}</c>, <c>$name</c>, <c>${name}</c>, <c>$$</c>.</summary>
    private static void Expand(StringBuilder sb, string template, Match m, Regex regex)
    {
        var i = 0;
        while (i < template.Length)
        {
            var c = template[i];
            if (c != '$' || i + 1 >= template.Length)
            {
                sb.Append(c);
                i++;
                continue;
            }

            if (template[i + 1] == '$')
            {
                sb.Append('$');
                i += 2;
                continue;
            }

            string name;
            int next;
            if (template[i + 1] == '{')
            {
                var close = template.IndexOf('}', i + 2);
                if (close < 0)
                {
                    sb.Append(c);
                    i++;
                    continue;
                }

                name = template[(i + 2)..close];
                next = close + 1;
            }
            else
            {
                var j = i + 1;
                while (j < template.Length && (char.IsAsciiLetterOrDigit(template[j]) || template[j] == '_'))
                {
                    j++;
                }

                name = template[(i + 1)..j];
                next = j;
            }

            if (name.Length == 0)
            {
                sb.Append(c);
                i++;
                continue;
            }

            var group = int.TryParse(name, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number)
                ? (number < m.Groups.Count ? m.Groups[number] : null)
                : (regex.GroupNumberFromName(name) >= 0 ? m.Groups[name] : null);
            if (group is { Success: true })
            {
                sb.Append(group.Value);
            }

            i = next;
        }
    }

    private static Value TemplateMatch(BuiltinContext ctx, ReadOnlySpan<Value> a)
    {
        var template = Args.String(a, 0);
        var text = Args.String(a, 1);
        var start = Args.String(a, 2);
        var end = Args.String(a, 3);
        if (start.Length != 1)
        {
            throw BuiltinErrors.Fail($"start delimiter has to be exactly one character long but is {start.Length} long");
        }

        if (end.Length != 1)
        {
            throw BuiltinErrors.Fail($"end delimiter has to be exactly one character long but is {end.Length} long");
        }

        var pattern = TemplatePattern(template, start[0], end[0]);
        return Value.From(Compile(pattern).IsMatch(text));
    }

    /// <summary>Text outside the delimiters is literal; text inside is a regular expression; the whole is anchored.</summary>
    private static string TemplatePattern(string template, char open, char close)
    {
        var sb = new StringBuilder("^");
        var level = 0;
        var segmentStart = 0;
        for (var i = 0; i < template.Length; i++)
        {
            if (template[i] == open)
            {
                if (++level == 1)
                {
                    sb.Append(QuoteMeta(template[segmentStart..i]));
                    segmentStart = i + 1;
                }
            }
            else if (template[i] == close)
            {
                if (--level == 0)
                {
                    sb.Append('(').Append(template, segmentStart, i - segmentStart).Append(')');
                    segmentStart = i + 1;
                }
                else if (level < 0)
                {
                    throw BuiltinErrors.Fail($"unbalanced braces in \"{template}\"");
                }
            }
        }

        if (level != 0)
        {
            throw BuiltinErrors.Fail($"unbalanced braces in \"{template}\"");
        }

        sb.Append(QuoteMeta(template[segmentStart..])).Append('$');
        return sb.ToString();
    }

    private static string QuoteMeta(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if ("\\.+*?()|[]{}^$".Contains(c, StringComparison.Ordinal))
            {
                sb.Append('\\');
            }

            sb.Append(c);
        }

        return sb.ToString();
    }
}
