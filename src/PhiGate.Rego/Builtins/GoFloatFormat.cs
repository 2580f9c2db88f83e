using System.Globalization;
using System.Text;

namespace PhiGate.Rego.Builtins;

/// <summary>Go's <c>strconv.FormatFloat</c> for the 'e', 'f' and 'g' formats, built on .NET's exact digit generation.</summary>
internal static class GoFloatFormat
{
    /// <summary>Formats <paramref name="value"/> like <c>strconv.FormatFloat(value, fmt, prec, 64)</c>.</summary>
    public static string Format(double value, char fmt, int prec)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "+Inf" : "-Inf";
        }

        var negative = value < 0 || (value == 0 && double.IsNegative(value));
        var abs = Math.Abs(value);
        var sb = new StringBuilder();
        if (negative)
        {
            sb.Append('-');
        }

        var lower = char.ToLowerInvariant(fmt);
        var upper = fmt != lower;
        switch (lower)
        {
            case 'f':
                if (prec < 0)
                {
                    var (d, dp) = Shortest(abs);
                    AppendF(sb, d, dp, Math.Max(d.Length - dp, 0));
                }
                else
                {
                    sb.Append(abs.ToString("F" + prec.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));
                }

                break;
            case 'e':
            {
                var (d, dp) = prec < 0 ? Shortest(abs) : Significant(abs, prec + 1, trim: false);
                AppendE(sb, d, dp, prec < 0 ? Math.Max(d.Length - 1, 0) : prec, upper);
                break;
            }

            default:
            {
                var shortest = prec < 0;
                if (prec == 0)
                {
                    prec = 1;
                }

                var (d, dp) = shortest ? Shortest(abs) : Significant(abs, prec, trim: true);
                if (shortest)
                {
                    prec = d.Length;
                }

                var eprec = prec;
                if (eprec > d.Length && d.Length >= dp)
                {
                    eprec = d.Length;
                }

                if (shortest)
                {
                    eprec = 6;
                }

                var exp = dp - 1;
                if (exp < -4 || exp >= eprec)
                {
                    if (prec > d.Length)
                    {
                        prec = d.Length;
                    }

                    AppendE(sb, d, dp, Math.Max(prec - 1, 0), upper);
                }
                else
                {
                    if (prec > dp)
                    {
                        prec = d.Length;
                    }

                    AppendF(sb, d, dp, Math.Max(prec - dp, 0));
                }

                break;
            }
        }

        return sb.ToString();
    }

    /// <summary>Shortest digits that round-trip; value = 0.d × 10^dp.</summary>
    private static (string Digits, int Dp) Shortest(double abs) =>
        Parse(abs.ToString("E16", CultureInfo.InvariantCulture), abs, shortest: true);

    private static (string Digits, int Dp) Significant(double abs, int digits, bool trim)
    {
        var text = abs.ToString("E" + (digits - 1).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        var (d, dp) = Parse(text, abs, shortest: false);
        return trim ? (d.TrimEnd('0'), d.TrimEnd('0').Length == 0 ? 0 : dp) : (d, dp);
    }

    private static (string Digits, int Dp) Parse(string eText, double abs, bool shortest)
    {
        if (abs == 0)
        {
            return (string.Empty, 0);
        }

        if (shortest)
        {
            // "R" gives the shortest round-trip digits; re-express them in scientific form.
            var r = abs.ToString("R", CultureInfo.InvariantCulture);
            eText = r.Contains('E', StringComparison.Ordinal) ? r : ToScientific(r);
        }

        var ePos = eText.IndexOf('E', StringComparison.Ordinal);
        var mantissa = eText[..ePos].Replace(".", string.Empty, StringComparison.Ordinal);
        var exponent = int.Parse(eText[(ePos + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        return (shortest ? mantissa.TrimEnd('0') : mantissa, exponent + 1);
    }

    private static string ToScientific(string plain)
    {
        var dot = plain.IndexOf('.', StringComparison.Ordinal);
        var intPart = dot < 0 ? plain : plain[..dot];
        var frac = dot < 0 ? string.Empty : plain[(dot + 1)..];
        var all = (intPart + frac).TrimStart('0');
        var leadingZeros = (intPart + frac).Length - all.Length;
        var exponent = intPart.Length - leadingZeros - 1;
        return all[..1] + "." + all[1..] + "E" + exponent.ToString(CultureInfo.InvariantCulture);
    }

    private static void AppendE(StringBuilder sb, string d, int dp, int prec, bool upper)
    {
        sb.Append(d.Length == 0 ? '0' : d[0]);
        if (prec > 0)
        {
            sb.Append('.');
            for (var i = 1; i <= prec; i++)
            {
                sb.Append(i < d.Length ? d[i] : '0');
            }
        }

        var exp = d.Length == 0 ? 0 : dp - 1;
        sb.Append(upper ? 'E' : 'e').Append(exp < 0 ? '-' : '+');
        var e = Math.Abs(exp);
        if (e < 10)
        {
            sb.Append('0');
        }

        sb.Append(e.ToString(CultureInfo.InvariantCulture));
    }

    private static void AppendF(StringBuilder sb, string d, int dp, int prec)
    {
        if (dp > 0)
        {
            for (var i = 0; i < dp; i++)
            {
                sb.Append(i < d.Length ? d[i] : '0');
            }
        }
        else
        {
            sb.Append('0');
        }

        if (prec > 0)
        {
            sb.Append('.');
            for (var i = 1; i <= prec; i++)
            {
                var j = dp + i - 1;
                sb.Append(j >= 0 && j < d.Length ? d[j] : '0');
            }
        }
    }
}
