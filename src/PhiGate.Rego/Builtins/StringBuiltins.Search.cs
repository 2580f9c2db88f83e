using System.Text;
using PhiGate.Rego.Values;

namespace PhiGate.Rego.Builtins;

internal static partial class StringBuiltins
{
    private static void RegisterSearch(BuiltinRegistry r)
    {
        r.Add("indexof", StrStr, "number", IndexOf);
        r.Add("indexof_n", StrStr, "array[number]", IndexOfN);
        r.Add("substring", ["string", "number", "number"], "string", Substring);
    }

    private static Value IndexOf(BuiltinContext ctx, ReadOnlySpan<Value> a)
    {
        var text = Args.String(a, 0);
        var search = Args.String(a, 1);
        if (search.Length == 0)
        {
            throw BuiltinErrors.Fail("empty search character");
        }

        var idx = text.IndexOf(search, StringComparison.Ordinal);
        return Value.From(idx < 0 ? -1 : RuneIndex(text, idx));
    }

    private static Value IndexOfN(BuiltinContext ctx, ReadOnlySpan<Value> a)
    {
        var text = Args.String(a, 0);
        var search = Args.String(a, 1);
        if (search.Length == 0)
        {
            throw BuiltinErrors.Fail("empty search character");
        }

        var found = new List<Value>();
        var i = 0;
        while ((i = text.IndexOf(search, i, StringComparison.Ordinal)) >= 0)
        {
            found.Add(Value.From(RuneIndex(text, i)));
            i += char.IsHighSurrogate(text[i]) && i + 1 < text.Length ? 2 : 1;
        }

        return Value.NewArray([.. found]);
    }

    private static int RuneIndex(string text, int utf16Index)
    {
        var n = 0;
        for (var i = 0; i < utf16Index; i++)
        {
            if (!char.IsLowSurrogate(text[i]) || i == 0 || !char.IsHighSurrogate(text[i - 1]))
            {
                n++;
            }
        }

        return n;
    }

    private static Value Substring(BuiltinContext ctx, ReadOnlySpan<Value> a)
    {
        var text = Args.String(a, 0);
        var start = Args.Integer(a, 1);
        var length = Args.Integer(a, 2);
        if (start.Sign < 0)
        {
            throw BuiltinErrors.Fail("negative offset");
        }

        var runes = text.EnumerateRunes().ToArray();
        if (start >= runes.Length)
        {
            return Value.EmptyString;
        }

        var from = (int)start;
        var to = length.Sign < 0 || from + length >= runes.Length ? runes.Length : from + (int)length;
        var sb = new StringBuilder();
        for (var i = from; i < to; i++)
        {
            sb.Append(runes[i].ToString());
        }

        return Value.From(sb.ToString());
    }
}
