using System.Globalization;
using System.Numerics;
using System.Text;
using PhiGate.Rego.Values;

namespace PhiGate.Rego.Builtins;

/// <summary><c>units.parse</c> (SI and binary suffixes, <c>m</c> is milli) and <c>units.parse_bytes</c>, computed exactly on rationals.</summary>
internal static class UnitsBuiltins
{
    private const int MaxExponentDigits = 6;

    public static void Register(BuiltinRegistry r)
    {
        r.Add("units.parse", ["string"], "number", static (_, a) => Parse(Args.String(a, 0)));
        r.Add("units.parse_bytes", ["string"], "number", static (_, a) => ParseBytes(Args.String(a, 0)));
    }

    private static Value Parse(string raw)
    {
        const string name = "units.parse";
        var s = raw.Replace("\"", string.Empty, StringComparison.Ordinal);
        var (num, unit) = Split(s, name);
        if (unit.Length > 1)
        {
            unit = unit[..1] + unit[1..].ToLowerInvariant();
        }

        (BigInteger Num, BigInteger Den) factor = unit switch
        {
            "m" => (1, 1000),
            "" => (1, 1),
            "k" or "K" => (BigInteger.Pow(1000, 1), 1),
            "ki" or "Ki" => (BigInteger.One << 10, 1),
            "M" => (BigInteger.Pow(1000, 2), 1),
            "mi" or "Mi" => (BigInteger.One << 20, 1),
            "g" or "G" => (BigInteger.Pow(1000, 3), 1),
            "gi" or "Gi" => (BigInteger.One << 30, 1),
            "t" or "T" => (BigInteger.Pow(1000, 4), 1),
            "ti" or "Ti" => (BigInteger.One << 40, 1),
            "p" or "P" => (BigInteger.Pow(1000, 5), 1),
            "pi" or "Pi" => (BigInteger.One << 50, 1),
            "e" or "E" => (BigInteger.Pow(1000, 6), 1),
            "ei" or "Ei" => (BigInteger.One << 60, 1),
            _ => throw BuiltinErrors.Fail($"{name}: unit {unit} not recognized"),
        };

        if (!TryParseRational(num, out var n, out var d))
        {
            throw BuiltinErrors.Fail($"{name}: could not parse amount to a number");
        }

        var numerator = n * factor.Num;
        var denominator = d * factor.Den;
        if (BigInteger.Remainder(numerator, denominator).IsZero)
        {
            return Value.From(numerator / denominator);
        }

        return NumberValue.TryParse(FloatString(numerator, denominator, 10), out var v)
            ? v
            : throw BuiltinErrors.Fail($"{name}: could not parse amount to a number");
    }

    private static Value ParseBytes(string raw)
    {
        const string name = "units.parse_bytes";
        var s = raw.ToLowerInvariant().Replace("\"", string.Empty, StringComparison.Ordinal);
        var (num, unit) = Split(s, name);
        BigInteger factor = unit switch
        {
            "" => 1,
            "kb" or "k" => BigInteger.Pow(1000, 1),
            "kib" or "ki" => BigInteger.One << 10,
            "mb" or "m" => BigInteger.Pow(1000, 2),
            "mib" or "mi" => BigInteger.One << 20,
            "gb" or "g" => BigInteger.Pow(1000, 3),
            "gib" or "gi" => BigInteger.One << 30,
            "tb" or "t" => BigInteger.Pow(1000, 4),
            "tib" or "ti" => BigInteger.One << 40,
            "pb" or "p" => BigInteger.Pow(1000, 5),
            "pib" or "pi" => BigInteger.One << 50,
            "eb" or "e" => BigInteger.Pow(1000, 6),
            "eib" or "ei" => BigInteger.One << 60,
            _ => throw BuiltinErrors.Fail($"{name}: byte unit {unit} not recognized"),
        };

        if (!TryParseRational(num, out var n, out var d))
        {
            throw BuiltinErrors.Fail($"{name}: could not parse byte amount to a number");
        }

        return Value.From(BigInteger.Divide(n * factor, d));
    }

    /// <summary>Splits "10.5Mi" into number and unit text, with OPA's checks (spaces, missing amount, huge exponents).</summary>
    private static (string Num, string Unit) Split(string s, string name)
    {
        if (s.Contains(' ', StringComparison.Ordinal))
        {
            throw BuiltinErrors.Fail($"{name}: spaces not allowed in resource strings");
        }

        var boundary = -1;
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (!char.IsAsciiDigit(c) && c != '.' && c != 'e' && c != 'E' && c != '+' && c != '-')
            {
                boundary = i;
                break;
            }

            if (c is 'e' or 'E')
            {
                if (i == s.Length - 1 || (!char.IsAsciiDigit(s[i + 1]) && s[i + 1] != '+' && s[i + 1] != '-'))
                {
                    boundary = i;
                    break;
                }

                if (s[i + 1] is '+' or '-')
                {
                    i++;
                }

                var start = i + 1;
                var end = start;
                while (end < s.Length && char.IsAsciiDigit(s[end]))
                {
                    end++;
                }

                if (end - start > MaxExponentDigits)
                {
                    throw BuiltinErrors.Fail($"{name}: exponent too large");
                }
            }
        }

        var (num, unit) = boundary switch
        {
            -1 => (s, string.Empty),
            0 => (string.Empty, s),
            _ => (s[..boundary], s[boundary..]),
        };

        if (num.Length == 0)
        {
            throw BuiltinErrors.Fail(name == "units.parse" ? $"{name}: no amount provided" : $"{name}: no byte amount provided");
        }

        return (num, unit);
    }

    /// <summary>Parses a decimal (optional sign, fraction and exponent) into an exact fraction.</summary>
    internal static bool TryParseRational(string text, out BigInteger numerator, out BigInteger denominator)
    {
        numerator = BigInteger.Zero;
        denominator = BigInteger.One;
        var i = 0;
        var negative = false;
        if (i < text.Length && text[i] is '+' or '-')
        {
            negative = text[i] == '-';
            i++;
        }

        var digits = new StringBuilder();
        var fractionDigits = 0;
        var seenDot = false;
        var any = false;
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsAsciiDigit(c))
            {
                digits.Append(c);
                any = true;
                if (seenDot)
                {
                    fractionDigits++;
                }
            }
            else if (c == '.' && !seenDot)
            {
                seenDot = true;
            }
            else
            {
                break;
            }
        }

        if (!any)
        {
            return false;
        }

        var exponent = 0;
        if (i < text.Length && text[i] is 'e' or 'E')
        {
            if (!int.TryParse(text.AsSpan(i + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponent))
            {
                return false;
            }

            i = text.Length;
        }

        if (i != text.Length)
        {
            return false;
        }

        numerator = BigInteger.Parse(digits.ToString(), CultureInfo.InvariantCulture);
        var scale = exponent - fractionDigits;
        if (scale >= 0)
        {
            numerator *= BigInteger.Pow(10, scale);
        }
        else
        {
            denominator = BigInteger.Pow(10, -scale);
        }

        if (negative)
        {
            numerator = -numerator;
        }

        return true;
    }

    /// <summary>Go's <c>big.Rat.FloatString</c>: rounded (half away from zero) to <paramref name="places"/> decimals.</summary>
    private static string FloatString(BigInteger num, BigInteger den, int places)
    {
        var negative = num.Sign < 0;
        num = BigInteger.Abs(num);
        var scale = BigInteger.Pow(10, places);
        var scaled = BigInteger.DivRem(num * scale, den, out var rem);
        if (rem * 2 >= den)
        {
            scaled += 1;
        }

        var whole = BigInteger.DivRem(scaled, scale, out var frac);
        var text = whole.ToString(CultureInfo.InvariantCulture) + "." + frac.ToString(CultureInfo.InvariantCulture).PadLeft(places, '0');
        return negative ? "-" + text : text;
    }
}
