using System.Globalization;
using System.Numerics;
using System.Text;

namespace PhiGate.Rego.Builtins;

/// <summary>
/// Go's <c>fmt.Sprintf</c> for the argument kinds OPA's <c>sprintf</c> passes (int, *big.Int, float64,
/// string), including Go's in-band error forms (<c>%!d(string=x)</c>, <c>%!v(MISSING)</c>, <c>%!(EXTRA ...)</c>).
/// </summary>
internal static partial class GoFormatter
{
    private struct Spec
    {
        public bool Plus;
        public bool Minus;
        public bool Sharp;
        public bool Space;
        public bool Zero;
        public int Width;
        public int Precision;
        public bool HasWidth;
        public bool HasPrecision;
    }

    public static string Format(string format, IReadOnlyList<GoFormatArg> args)
    {
        ArgumentNullException.ThrowIfNull(format);
        ArgumentNullException.ThrowIfNull(args);
        var sb = new StringBuilder(format.Length + (args.Count * 8));
        var argNum = 0;
        var i = 0;
        while (i < format.Length)
        {
            var next = format.IndexOf('%', i);
            if (next < 0)
            {
                sb.Append(format, i, format.Length - i);
                break;
            }

            sb.Append(format, i, next - i);
            i = next + 1;
            var spec = default(Spec);
            for (; i < format.Length; i++)
            {
                var c = format[i];
                if (c == '#')
                {
                    spec.Sharp = true;
                }
                else if (c == '0')
                {
                    spec.Zero = !spec.Minus;
                }
                else if (c == '+')
                {
                    spec.Plus = true;
                }
                else if (c == '-')
                {
                    spec.Minus = true;
                    spec.Zero = false;
                }
                else if (c == ' ')
                {
                    spec.Space = true;
                }
                else
                {
                    break;
                }
            }

            if (i < format.Length && format[i] == '*')
            {
                i++;
                spec.HasWidth = TakeIntArg(args, ref argNum, out spec.Width);
                if (!spec.HasWidth)
                {
                    sb.Append("%!(BADWIDTH)");
                }
                else if (spec.Width < 0)
                {
                    spec.Width = -spec.Width;
                    spec.Minus = true;
                    spec.Zero = false;
                }
            }
            else
            {
                spec.HasWidth = ParseNumber(format, ref i, out spec.Width);
            }

            if (i < format.Length && format[i] == '.')
            {
                i++;
                if (i < format.Length && format[i] == '*')
                {
                    i++;
                    spec.HasPrecision = TakeIntArg(args, ref argNum, out spec.Precision);
                    if (spec.Precision < 0)
                    {
                        spec.HasPrecision = false;
                    }

                    if (!spec.HasPrecision)
                    {
                        sb.Append("%!(BADPREC)");
                    }
                }
                else
                {
                    ParseNumber(format, ref i, out spec.Precision);
                    spec.HasPrecision = true;
                }
            }

            if (i >= format.Length)
            {
                sb.Append("%!(NOVERB)");
                break;
            }

            var verb = char.ConvertToUtf32(format, i);
            i += char.IsSurrogatePair(format, i) ? 2 : 1;
            if (verb == '%')
            {
                sb.Append('%');
                continue;
            }

            if (argNum >= args.Count)
            {
                sb.Append("%!").Append(char.ConvertFromUtf32(verb)).Append("(MISSING)");
                continue;
            }

            FormatArg(sb, args[argNum++], verb, spec);
        }

        if (argNum < args.Count)
        {
            sb.Append("%!(EXTRA ");
            for (var k = argNum; k < args.Count; k++)
            {
                if (k > argNum)
                {
                    sb.Append(", ");
                }

                sb.Append(args[k].GoTypeName).Append('=');
                FormatArg(sb, args[k], 'v', default);
            }

            sb.Append(')');
        }

        return sb.ToString();
    }

    private static bool TakeIntArg(IReadOnlyList<GoFormatArg> args, ref int argNum, out int value)
    {
        value = 0;
        if (argNum >= args.Count || args[argNum].Kind != GoFormatKind.Int || BigInteger.Abs(args[argNum].Integer) > 1_000_000)
        {
            argNum++;
            return false;
        }

        value = (int)args[argNum].Integer;
        argNum++;
        return true;
    }

    private static bool ParseNumber(string format, ref int i, out int value)
    {
        value = 0;
        var start = i;
        while (i < format.Length && char.IsAsciiDigit(format[i]))
        {
            // Go caps widths at 1e6; so do we, so a policy cannot ask for a gigantic buffer.
            value = Math.Min((value * 10) + (format[i] - '0'), 1_000_000);
            i++;
        }

        return i > start;
    }

    private static void FormatArg(StringBuilder sb, GoFormatArg arg, int verb, Spec spec)
    {
        switch (arg.Kind)
        {
            case GoFormatKind.Int:
            case GoFormatKind.BigInt:
                FormatInteger(sb, arg, verb, spec);
                break;
            case GoFormatKind.Float:
                FormatFloat(sb, arg, verb, spec);
                break;
            default:
                FormatString(sb, arg, verb, spec);
                break;
        }
    }

    private static void BadVerb(StringBuilder sb, GoFormatArg arg, int verb)
    {
        sb.Append("%!").Append(char.ConvertFromUtf32(verb)).Append('(')
            .Append(arg.Kind == GoFormatKind.BigInt ? "*big.Int" : arg.GoTypeName).Append('=');
        FormatArg(sb, arg, 'v', default);
        sb.Append(')');
    }

    private static void Pad(StringBuilder sb, string text, Spec spec, bool zeroAllowed)
    {
        var length = text.EnumerateRunes().Count();
        if (!spec.HasWidth || spec.Width <= length)
        {
            sb.Append(text);
            return;
        }

        var padding = spec.Width - length;
        if (spec.Minus)
        {
            sb.Append(text).Append(' ', padding);
        }
        else if (spec.Zero && zeroAllowed)
        {
            sb.Append('0', padding).Append(text);
        }
        else
        {
            sb.Append(' ', padding).Append(text);
        }
    }
}
