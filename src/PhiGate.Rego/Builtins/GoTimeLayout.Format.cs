using System.Globalization;
using System.Text;

namespace PhiGate.Rego.Builtins;

internal static partial class GoTimeLayout
{
    /// <summary>Go's <c>Time.Format</c>.</summary>
    public static string Format(GoTime t, string layout)
    {
        var sb = new StringBuilder(layout.Length + 10);
        var (year, month, day) = t.Date;
        var (hour, minute, second) = t.Clock;
        foreach (var chunk in Split(layout))
        {
            sb.Append(chunk.Prefix);
            switch (chunk.Field)
            {
                case Field.None:
                    break;
                case Field.Year:
                    Pad(sb, Math.Abs(year % 100), 2);
                    break;
                case Field.LongYear:
                    if (year < 0)
                    {
                        sb.Append('-');
                    }

                    Pad(sb, Math.Abs(year), 4);
                    break;
                case Field.Month:
                    sb.Append(GoTime.MonthNames[month - 1].AsSpan(0, 3));
                    break;
                case Field.LongMonth:
                    sb.Append(GoTime.MonthNames[month - 1]);
                    break;
                case Field.NumMonth:
                    sb.Append(month.ToString(CultureInfo.InvariantCulture));
                    break;
                case Field.ZeroMonth:
                    Pad(sb, month, 2);
                    break;
                case Field.WeekDay:
                    sb.Append(GoTime.DayNames[t.Weekday].AsSpan(0, 3));
                    break;
                case Field.LongWeekDay:
                    sb.Append(GoTime.DayNames[t.Weekday]);
                    break;
                case Field.Day:
                    sb.Append(day.ToString(CultureInfo.InvariantCulture));
                    break;
                case Field.UnderDay:
                    if (day < 10)
                    {
                        sb.Append(' ');
                    }

                    sb.Append(day.ToString(CultureInfo.InvariantCulture));
                    break;
                case Field.ZeroDay:
                    Pad(sb, day, 2);
                    break;
                case Field.UnderYearDay:
                    sb.Append(t.YearDay.ToString(CultureInfo.InvariantCulture).PadLeft(3, ' '));
                    break;
                case Field.ZeroYearDay:
                    Pad(sb, t.YearDay, 3);
                    break;
                case Field.Hour:
                    Pad(sb, hour, 2);
                    break;
                case Field.Hour12:
                    sb.Append((hour % 12 == 0 ? 12 : hour % 12).ToString(CultureInfo.InvariantCulture));
                    break;
                case Field.ZeroHour12:
                    Pad(sb, hour % 12 == 0 ? 12 : hour % 12, 2);
                    break;
                case Field.Minute:
                    sb.Append(minute.ToString(CultureInfo.InvariantCulture));
                    break;
                case Field.ZeroMinute:
                    Pad(sb, minute, 2);
                    break;
                case Field.Second:
                    sb.Append(second.ToString(CultureInfo.InvariantCulture));
                    break;
                case Field.ZeroSecond:
                    Pad(sb, second, 2);
                    break;
                case Field.PM:
                    sb.Append(hour >= 12 ? "PM" : "AM");
                    break;
                case Field.Pm:
                    sb.Append(hour >= 12 ? "pm" : "am");
                    break;
                case Field.TZ:
                    sb.Append(t.ZoneName.Length > 0 ? t.ZoneName : OffsetText(t.OffsetSeconds, colon: false, seconds: false, shortForm: false));
                    break;
                case Field.FracSecond0:
                case Field.FracSecond9:
                    AppendFraction(sb, t.Nanos, chunk.Digits, chunk.Field == Field.FracSecond9, chunk.Separator);
                    break;
                default:
                    AppendZone(sb, t.OffsetSeconds, chunk.Field);
                    break;
            }
        }

        return sb.ToString();
    }

    private static void Pad(StringBuilder sb, long value, int width) =>
        sb.Append(value.ToString(CultureInfo.InvariantCulture).PadLeft(width, '0'));

    private static void AppendFraction(StringBuilder sb, int nanos, int digits, bool trim, char separator)
    {
        var text = nanos.ToString("D9", CultureInfo.InvariantCulture)[..Math.Min(digits, 9)];
        if (trim)
        {
            text = text.TrimEnd('0');
            if (text.Length == 0)
            {
                return;
            }
        }

        sb.Append(separator).Append(text);
    }

    private static void AppendZone(StringBuilder sb, int offset, Field field)
    {
        var iso = field is Field.Iso8601TZ or Field.Iso8601ColonTZ or Field.Iso8601SecondsTZ or Field.Iso8601ShortTZ or Field.Iso8601ColonSecondsTZ;
        if (iso && offset == 0)
        {
            sb.Append('Z');
            return;
        }

        var colon = field is Field.Iso8601ColonTZ or Field.NumColonTZ or Field.Iso8601ColonSecondsTZ or Field.NumColonSecondsTZ;
        var seconds = field is Field.Iso8601SecondsTZ or Field.NumSecondsTz or Field.Iso8601ColonSecondsTZ or Field.NumColonSecondsTZ;
        var shortForm = field is Field.Iso8601ShortTZ or Field.NumShortTZ;
        sb.Append(OffsetText(offset, colon, seconds, shortForm));
    }

    private static string OffsetText(int offset, bool colon, bool seconds, bool shortForm)
    {
        var sign = offset < 0 ? '-' : '+';
        var abs = Math.Abs(offset);
        var text = new StringBuilder().Append(sign).Append((abs / 3600).ToString("00", CultureInfo.InvariantCulture));
        if (!shortForm)
        {
            if (colon)
            {
                text.Append(':');
            }

            text.Append((abs / 60 % 60).ToString("00", CultureInfo.InvariantCulture));
        }

        if (seconds)
        {
            if (colon)
            {
                text.Append(':');
            }

            text.Append((abs % 60).ToString("00", CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }
}
