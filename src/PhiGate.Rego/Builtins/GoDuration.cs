using System.Numerics;

namespace PhiGate.Rego.Builtins;

/// <summary>Go's <c>time.ParseDuration</c>: signed sequences like <c>1h30m</c>, <c>1.5s</c>, <c>300ms</c>, <c>-2µs</c>.</summary>
internal static class GoDuration
{
    private static readonly Dictionary<string, long> Units = new(StringComparer.Ordinal)
    {
        ["ns"] = 1,
        ["us"] = 1_000,
        ["\u00b5s"] = 1_000,
        ["\u03bcs"] = 1_000,
        ["ms"] = 1_000_000,
        ["s"] = 1_000_000_000,
        ["m"] = 60_000_000_000,
        ["h"] = 3_600_000_000_000,
    };

    public static bool TryParse(string text, out long nanoseconds, out string error)
    {
        nanoseconds = 0;
        var quoted = "\"" + GoFormatter.QuoteBody(text, '"') + "\"";
        error = "time: invalid duration " + quoted;
        var s = text;
        var negative = false;
        if (s.Length > 0 && s[0] is '-' or '+')
        {
            negative = s[0] == '-';
            s = s[1..];
        }

        if (s == "0")
        {
            return true;
        }

        if (s.Length == 0)
        {
            return false;
        }

        BigInteger total = 0;
        while (s.Length > 0)
        {
            var i = 0;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                i++;
            }

            var whole = s[..i];
            s = s[i..];
            var fraction = string.Empty;
            if (s.StartsWith('.'))
            {
                s = s[1..];
                var j = 0;
                while (j < s.Length && char.IsAsciiDigit(s[j]))
                {
                    j++;
                }

                fraction = s[..j];
                s = s[j..];
            }

            if (whole.Length == 0 && fraction.Length == 0)
            {
                return false;
            }

            var u = 0;
            while (u < s.Length && s[u] != '.' && !char.IsAsciiDigit(s[u]))
            {
                u++;
            }

            if (u == 0)
            {
                error = "time: missing unit in duration " + quoted;
                return false;
            }

            var unitText = s[..u];
            s = s[u..];
            if (!Units.TryGetValue(unitText, out var unit))
            {
                error = $"time: unknown unit \"{GoFormatter.QuoteBody(unitText, '"')}\" in duration {quoted}";
                return false;
            }

            var value = (whole.Length == 0 ? BigInteger.Zero : BigInteger.Parse(whole, System.Globalization.CultureInfo.InvariantCulture)) * unit;
            if (fraction.Length > 0)
            {
                // Go truncates the fractional part to nanoseconds.
                var scale = BigInteger.Pow(10, fraction.Length);
                value += BigInteger.Parse(fraction, System.Globalization.CultureInfo.InvariantCulture) * unit / scale;
            }

            total += value;
            if (total > long.MaxValue + (negative ? BigInteger.One : BigInteger.Zero))
            {
                return false;
            }
        }

        nanoseconds = negative ? (long)-total : (long)total;
        error = string.Empty;
        return true;
    }
}
