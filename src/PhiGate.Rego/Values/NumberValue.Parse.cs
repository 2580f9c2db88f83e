using System.Globalization;
using System.Numerics;

namespace PhiGate.Rego.Values;

public sealed partial class NumberValue
{
    /// <summary>Parses JSON/Rego number text, keeping integers exact and non-integers as written.</summary>
    public static bool TryParse(string text, out Value value)
    {
        value = Null;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var isInt = true;
        foreach (var c in text)
        {
            if (c is '.' or 'e' or 'E')
            {
                isInt = false;
                break;
            }
        }

        if (isInt)
        {
            if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
            {
                value = FromInt64(l);
                return true;
            }

            if (BigInteger.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var big))
            {
                value = FromBigInteger(big);
                return true;
            }

            return false;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) || double.IsInfinity(d))
        {
            // Huge exponents: integral values are kept exact when they are small enough to expand.
            return TryParseHugeInteger(text, out value);
        }

        decimal? dec = null;
        if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var m))
        {
            dec = m;
        }

        value = new NumberValue(dec, d, text);
        return true;
    }

    private static bool TryParseHugeInteger(string text, out Value value)
    {
        value = Null;
        var e = text.IndexOfAny(['e', 'E']);
        if (e < 0 || text.Contains('.', StringComparison.Ordinal))
        {
            return false;
        }

        if (!BigInteger.TryParse(text[..e], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var mant)
            || !int.TryParse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var exp)
            || exp < 0 || exp > 4096)
        {
            return false;
        }

        value = FromBigInteger(mant * BigInteger.Pow(10, exp));
        return true;
    }
}
