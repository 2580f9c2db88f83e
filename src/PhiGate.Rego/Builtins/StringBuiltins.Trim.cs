using System.Text;
using PhiGate.Rego.Values;

namespace PhiGate.Rego.Builtins;

internal static partial class StringBuiltins
{
    private static void RegisterTrim(BuiltinRegistry r)
    {
        r.Add("trim", StrStr, "string", static (_, a) => Value.From(TrimSet(Args.String(a, 0), Args.String(a, 1), left: true, right: true)));
        r.Add("trim_left", StrStr, "string", static (_, a) => Value.From(TrimSet(Args.String(a, 0), Args.String(a, 1), left: true, right: false)));
        r.Add("trim_right", StrStr, "string", static (_, a) => Value.From(TrimSet(Args.String(a, 0), Args.String(a, 1), left: false, right: true)));
        r.Add("trim_prefix", StrStr, "string", static (_, a) =>
        {
            var s = Args.String(a, 0);
            var p = Args.String(a, 1);
            return Value.From(s.StartsWith(p, StringComparison.Ordinal) ? s[p.Length..] : s);
        });
        r.Add("trim_suffix", StrStr, "string", static (_, a) =>
        {
            var s = Args.String(a, 0);
            var p = Args.String(a, 1);
            return Value.From(s.EndsWith(p, StringComparison.Ordinal) ? s[..^p.Length] : s);
        });
        r.Add("trim_space", Str, "string", static (_, a) => Value.From(TrimSpace(Args.String(a, 0))));
    }

    /// <summary>Go's <c>strings.Trim</c>: the cutset is a set of code points.</summary>
    private static string TrimSet(string s, string cutset, bool left, bool right)
    {
        if (s.Length == 0 || cutset.Length == 0)
        {
            return s;
        }

        var set = new HashSet<int>();
        foreach (var r in cutset.EnumerateRunes())
        {
            set.Add(r.Value);
        }

        var start = 0;
        var end = s.Length;
        if (left)
        {
            while (start < end && Rune.DecodeFromUtf16(s.AsSpan(start), out var r, out var n) == System.Buffers.OperationStatus.Done && set.Contains(r.Value))
            {
                start += n;
            }
        }

        if (right)
        {
            while (end > start && Rune.DecodeLastFromUtf16(s.AsSpan(start, end - start), out var r, out var n) == System.Buffers.OperationStatus.Done && set.Contains(r.Value))
            {
                end -= n;
            }
        }

        return s[start..end];
    }

    /// <summary>Go's <c>strings.TrimSpace</c> (Unicode white space).</summary>
    private static string TrimSpace(string s)
    {
        var start = 0;
        var end = s.Length;
        while (start < end && IsGoSpace(s[start]))
        {
            start++;
        }

        while (end > start && IsGoSpace(s[end - 1]))
        {
            end--;
        }

        return s[start..end];
    }

    private static bool IsGoSpace(char c) => c is '\t' or '\n' or '\v' or '\f' or '\r' or ' ' or '\u0085' or '\u00A0' || (c > 0xFF && char.IsWhiteSpace(c));
}
