using System.Globalization;
using System.Numerics;
using System.Text;

namespace PhiGate.Rego.Builtins;

internal static partial class GoFormatter
{
    private static void FormatInteger(StringBuilder sb, GoFormatArg arg, int verb, Spec spec)
    {
        var big = arg.Kind == GoFormatKind.BigInt;
        int numberBase;
        var upper = false;
        switch (verb)
        {
            case 'v' or 'd':
                numberBase = 10;
                break;
            case 's' when big:
                numberBase = 10;
                break;
            case 'b':
                numberBase = 2;
                break;
            case 'o' or 'O':
                numberBase = 8;
                break;
            case 'x':
                numberBase = 16;
                break;
            case 'X':
                numberBase = 16;
                upper = true;
                break;
            case 'c' when !big:
                Pad(sb, RuneText(arg.Integer), spec, zeroAllowed: true);
                return;
            case 'q' when !big:
                Pad(sb, "'" + QuoteBody(RuneText(arg.Integer), '\'') + "'", spec, zeroAllowed: true);
                return;
            case 'U' when !big:
                var u = "U+" + arg.Integer.ToString("X4", CultureInfo.InvariantCulture).TrimStart('0').PadLeft(4, '0');
                Pad(sb, spec.Sharp ? u + " '" + RuneText(arg.Integer) + "'" : u, spec, zeroAllowed: false);
                return;
            default:
                if (big)
                {
                    sb.Append("%!").Append(char.ConvertFromUtf32(verb)).Append("(big.Int=")
                        .Append(arg.Integer.ToString(CultureInfo.InvariantCulture)).Append(')');
                    return;
                }

                BadVerb(sb, arg, verb);
                return;
        }

        var negative = arg.Integer.Sign < 0;
        var magnitude = BigInteger.Abs(arg.Integer);
        var precision = 0;
        if (spec.HasPrecision)
        {
            precision = spec.Precision;
            if (precision == 0 && magnitude.IsZero)
            {
                Pad(sb, string.Empty, spec with { Zero = false }, zeroAllowed: false);
                return;
            }
        }
        else if (spec.Zero && !spec.Minus && spec.HasWidth)
        {
            precision = spec.Width;
            if (negative || spec.Plus || spec.Space)
            {
                precision--;
            }
        }

        var digits = ToBase(magnitude, numberBase, upper);
        if (digits.Length < precision)
        {
            digits = new string('0', precision - digits.Length) + digits;
        }

        if (spec.Sharp)
        {
            digits = numberBase switch
            {
                2 => "0b" + digits,
                8 when digits[0] != '0' => "0" + digits,
                16 => (upper ? "0X" : "0x") + digits,
                _ => digits,
            };
        }

        if (verb == 'O')
        {
            digits = "0o" + digits;
        }

        if (negative)
        {
            digits = "-" + digits;
        }
        else if (spec.Plus)
        {
            digits = "+" + digits;
        }
        else if (spec.Space)
        {
            digits = " " + digits;
        }

        Pad(sb, digits, spec, zeroAllowed: false);
    }

    private static string ToBase(BigInteger value, int numberBase, bool upper)
    {
        if (numberBase == 10)
        {
            return value.ToString(CultureInfo.InvariantCulture);
        }

        if (value.IsZero)
        {
            return "0";
        }

        var alphabet = upper ? "0123456789ABCDEF" : "0123456789abcdef";
        var chars = new List<char>();
        while (!value.IsZero)
        {
            chars.Add(alphabet[(int)(value % numberBase)]);
            value /= numberBase;
        }

        chars.Reverse();
        return new string([.. chars]);
    }

    private static string RuneText(BigInteger value) =>
        value >= 0 && value <= 0x10FFFF && (value < 0xD800 || value > 0xDFFF)
            ? char.ConvertFromUtf32((int)value)
            : "\uFFFD";

    private static void FormatFloat(StringBuilder sb, GoFormatArg arg, int verb, Spec spec)
    {
        char fmt;
        int precision;
        switch (verb)
        {
            case 'v':
                fmt = 'g';
                precision = -1;
                break;
            case 'g' or 'G':
                fmt = (char)verb;
                precision = -1;
                break;
            case 'e' or 'E' or 'f' or 'F':
                fmt = verb == 'F' ? 'f' : (char)verb;
                precision = 6;
                break;
            default:
                BadVerb(sb, arg, verb);
                return;
        }

        if (spec.HasPrecision)
        {
            precision = spec.Precision;
        }

        var num = GoFloatFormat.Format(arg.Float, fmt, precision);
        var sign = num.StartsWith('-') ? "-" : spec.Plus ? "+" : spec.Space ? " " : string.Empty;
        var body = num.StartsWith('-') ? num[1..] : num;
        if (sign.Length > 0 && spec.Zero && !spec.Minus && spec.HasWidth && spec.Width > body.Length + 1)
        {
            sb.Append(sign).Append('0', spec.Width - body.Length - 1).Append(body);
            return;
        }

        Pad(sb, sign + body, spec, zeroAllowed: true);
    }

    private static void FormatString(StringBuilder sb, GoFormatArg arg, int verb, Spec spec)
    {
        var text = arg.Text;
        switch (verb)
        {
            case 'v' or 's':
                if (spec.HasPrecision)
                {
                    text = TruncateRunes(text, spec.Precision);
                }

                Pad(sb, text, spec, zeroAllowed: true);
                return;
            case 'q':
                if (spec.HasPrecision)
                {
                    text = TruncateRunes(text, spec.Precision);
                }

                var quoted = spec.Sharp && CanBackquote(text) ? "`" + text + "`" : "\"" + QuoteBody(text, '"') + "\"";
                Pad(sb, quoted, spec, zeroAllowed: true);
                return;
            case 'x' or 'X':
                var bytes = Encoding.UTF8.GetBytes(text);
                var count = spec.HasPrecision ? Math.Min(spec.Precision, bytes.Length) : bytes.Length;
                var hex = new StringBuilder(count * 3);
                for (var k = 0; k < count; k++)
                {
                    if (spec.Space && k > 0)
                    {
                        hex.Append(' ');
                    }

                    if (spec.Sharp && (spec.Space || k == 0))
                    {
                        hex.Append(verb == 'x' ? "0x" : "0X");
                    }

                    hex.Append(bytes[k].ToString(verb == 'x' ? "x2" : "X2", CultureInfo.InvariantCulture));
                }

                Pad(sb, hex.ToString(), spec, zeroAllowed: true);
                return;
            default:
                BadVerb(sb, arg, verb);
                return;
        }
    }

    private static string TruncateRunes(string text, int runes)
    {
        var e = text.EnumerateRunes();
        var length = 0;
        var taken = 0;
        foreach (var r in e)
        {
            if (taken == runes)
            {
                break;
            }

            length += r.Utf16SequenceLength;
            taken++;
        }

        return text[..length];
    }

    private static bool CanBackquote(string text)
    {
        foreach (var c in text)
        {
            if (c == '`' || c == '\uFEFF' || (c < ' ' && c != '\t') || c == '\x7F')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The body of Go's <c>strconv.Quote</c> (without the surrounding quotes).</summary>
    internal static string QuoteBody(string text, char quote)
    {
        var sb = new StringBuilder(text.Length + 2);
        foreach (var rune in text.EnumerateRunes())
        {
            var v = rune.Value;
            if (v == quote || v == '\\')
            {
                sb.Append('\\').Append((char)v);
                continue;
            }

            if (IsPrint(rune))
            {
                sb.Append(rune.ToString());
                continue;
            }

            switch (v)
            {
                case '\a': sb.Append("\\a"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\v': sb.Append("\\v"); break;
                default:
                    if (v < ' ' || v == 0x7F)
                    {
                        sb.Append("\\x").Append(v.ToString("x2", CultureInfo.InvariantCulture));
                    }
                    else if (v == 0xFFFD)
                    {
                        sb.Append("\\ufffd");
                    }
                    else if (v < 0x10000)
                    {
                        sb.Append("\\u").Append(v.ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append("\\U").Append(v.ToString("x8", CultureInfo.InvariantCulture));
                    }

                    break;
            }
        }

        return sb.ToString();
    }

    private static bool IsPrint(Rune rune)
    {
        if (rune.Value == ' ')
        {
            return true;
        }

        var category = Rune.GetUnicodeCategory(rune);
        return category switch
        {
            UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate
                or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned
                or UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator
                or UnicodeCategory.ParagraphSeparator => false,
            _ => true,
        };
    }
}
