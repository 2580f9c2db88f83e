using System.Globalization;

namespace PhiGate.Rego.Builtins;

internal static partial class GoTimeLayout
{
    /// <summary>Go's <c>time.Parse</c> (times without a zone are UTC); false with Go's error text.</summary>
    public static bool TryParse(string layout, string value, out GoTime result, out string error)
    {
        result = default;
        var original = value;
        long year = 1;
        var month = -1;
        var day = -1;
        var yday = -1;
        var hour = 0;
        var minute = 0;
        var second = 0;
        var nanos = 0;
        var pmSet = false;
        var amSet = false;
        int? offset = null;
        var zoneName = string.Empty;
        var chunks = Split(layout);
        string Fail(string element, string rest) =>
            $"parsing time {Quote(original)} as {Quote(layout)}: cannot parse {Quote(rest)} as {Quote(element)}";

        for (var c = 0; c < chunks.Count; c++)
        {
            var chunk = chunks[c];
            if (!Skip(ref value, chunk.Prefix))
            {
                error = Fail(chunk.Prefix, value);
                return false;
            }

            if (chunk.Field == Field.None)
            {
                if (value.Length > 0)
                {
                    error = $"parsing time {Quote(original)}: extra text: {Quote(value)}";
                    return false;
                }

                break;
            }

            var before = value;
            var ok = true;
            switch (chunk.Field)
            {
                case Field.Year:
                    ok = TakeDigits(ref value, 2, 2, out var y2);
                    year = y2 >= 69 ? 1900 + y2 : 2000 + y2;
                    break;
                case Field.LongYear:
                    ok = TakeDigits(ref value, 4, 4, out var y4);
                    year = y4;
                    break;
                case Field.Month or Field.LongMonth:
                    ok = TakeName(ref value, GoTime.MonthNames, chunk.Field == Field.Month, out var mi);
                    month = mi + 1;
                    break;
                case Field.NumMonth or Field.ZeroMonth:
                    ok = TakeDigits(ref value, chunk.Field == Field.ZeroMonth ? 2 : 1, 2, out var mn) && mn is >= 1 and <= 12;
                    month = mn;
                    break;
                case Field.WeekDay or Field.LongWeekDay:
                    ok = TakeName(ref value, GoTime.DayNames, chunk.Field == Field.WeekDay, out _);
                    break;
                case Field.Day or Field.UnderDay or Field.ZeroDay:
                    if (chunk.Field == Field.UnderDay && value.StartsWith(' '))
                    {
                        value = value[1..];
                    }

                    ok = TakeDigits(ref value, chunk.Field == Field.ZeroDay ? 2 : 1, 2, out day);
                    break;
                case Field.UnderYearDay or Field.ZeroYearDay:
                    value = chunk.Field == Field.UnderYearDay ? value.TrimStart(' ') : value;
                    ok = TakeDigits(ref value, chunk.Field == Field.ZeroYearDay ? 3 : 1, 3, out yday) && yday is >= 1 and <= 366;
                    break;
                case Field.Hour:
                    ok = TakeDigits(ref value, 1, 2, out hour) && hour is >= 0 and < 24;
                    break;
                case Field.Hour12 or Field.ZeroHour12:
                    ok = TakeDigits(ref value, chunk.Field == Field.ZeroHour12 ? 2 : 1, 2, out hour) && hour is >= 0 and <= 12;
                    break;
                case Field.Minute or Field.ZeroMinute:
                    ok = TakeDigits(ref value, chunk.Field == Field.ZeroMinute ? 2 : 1, 2, out minute) && minute is >= 0 and < 60;
                    break;
                case Field.Second or Field.ZeroSecond:
                    ok = TakeDigits(ref value, chunk.Field == Field.ZeroSecond ? 2 : 1, 2, out second) && second is >= 0 and < 60;

                    // A fractional second may follow even when the layout does not ask for one.
                    if (ok && value.Length >= 2 && value[0] is '.' or ',' && char.IsAsciiDigit(value[1])
                        && (c + 1 >= chunks.Count || chunks[c + 1].Field is not (Field.FracSecond0 or Field.FracSecond9)))
                    {
                        var n = 1;
                        while (n < value.Length && char.IsAsciiDigit(value[n]))
                        {
                            n++;
                        }

                        nanos = ParseNanos(value[1..n]);
                        value = value[n..];
                    }

                    break;
                case Field.PM or Field.Pm:
                    if (value.Length < 2)
                    {
                        ok = false;
                        break;
                    }

                    var p = value[..2];
                    var upper = chunk.Field == Field.PM;
                    if (p == (upper ? "PM" : "pm"))
                    {
                        pmSet = true;
                    }
                    else if (p == (upper ? "AM" : "am"))
                    {
                        amSet = true;
                    }
                    else
                    {
                        ok = false;
                    }

                    value = value[2..];
                    break;
                case Field.FracSecond0:
                    if (value.Length < chunk.Digits + 1 || value[0] != chunk.Separator)
                    {
                        ok = false;
                        break;
                    }

                    ok = value[1..(chunk.Digits + 1)].All(char.IsAsciiDigit);
                    nanos = ok ? ParseNanos(value[1..(chunk.Digits + 1)]) : 0;
                    value = value[(chunk.Digits + 1)..];
                    break;
                case Field.FracSecond9:
                    if (value.Length < 2 || value[0] is not ('.' or ',') || !char.IsAsciiDigit(value[1]))
                    {
                        break;
                    }

                    var k = 1;
                    while (k < value.Length && k < 10 && char.IsAsciiDigit(value[k]))
                    {
                        k++;
                    }

                    nanos = ParseNanos(value[1..k]);
                    value = value[k..];
                    break;
                case Field.TZ:
                    if (value.StartsWith("UTC", StringComparison.Ordinal))
                    {
                        zoneName = "UTC";
                        offset = 0;
                        value = value[3..];
                        break;
                    }

                    var letters = 0;
                    while (letters < value.Length && char.IsAsciiLetterUpper(value[letters]))
                    {
                        letters++;
                    }

                    ok = letters >= 3;
                    zoneName = ok ? value[..letters] : string.Empty;
                    value = value[letters..];
                    break;
                default:
                    ok = TakeOffset(ref value, chunk.Field, out var off);
                    offset = off;
                    break;
            }

            if (!ok)
            {
                error = Fail(FieldText(chunk), before);
                return false;
            }
        }

        if (pmSet && hour < 12)
        {
            hour += 12;
        }
        else if (amSet && hour == 12)
        {
            hour = 0;
        }

        if (yday >= 0)
        {
            var (_, m, d) = GoTime.CivilFromDays(GoTime.DaysFromCivil(year, 1, 1) + yday - 1);
            if ((month >= 0 && month != m) || (day >= 0 && day != d))
            {
                error = $"parsing time {Quote(original)}: day-of-year does not match month";
                return false;
            }

            month = m;
            day = d;
        }

        month = month < 0 ? 1 : month;
        day = day < 0 ? 1 : day;
        if (day < 1 || day > GoTime.DaysIn(month, year))
        {
            error = $"parsing time {Quote(original)}: day out of range";
            return false;
        }

        result = GoTime.FromCivil(year, month, day, hour, minute, second, nanos, offset ?? 0, offset is null || offset == 0 ? (zoneName.Length > 0 ? zoneName : "UTC") : string.Empty);
        error = string.Empty;
        return true;
    }

    private static string Quote(string s) => "\"" + GoFormatter.QuoteBody(s, '"') + "\"";

    private static string FieldText(Chunk chunk) => chunk.Field switch
    {
        Field.LongYear => "2006",
        Field.Year => "06",
        Field.Month => "Jan",
        Field.LongMonth => "January",
        Field.NumMonth => "1",
        Field.ZeroMonth => "01",
        Field.WeekDay => "Mon",
        Field.LongWeekDay => "Monday",
        Field.Day => "2",
        Field.UnderDay => "_2",
        Field.ZeroDay => "02",
        Field.Hour => "15",
        Field.Hour12 => "3",
        Field.ZeroHour12 => "03",
        Field.Minute => "4",
        Field.ZeroMinute => "04",
        Field.Second => "5",
        Field.ZeroSecond => "05",
        Field.PM => "PM",
        Field.Pm => "pm",
        Field.TZ => "MST",
        Field.Iso8601ColonTZ => "Z07:00",
        Field.Iso8601TZ => "Z0700",
        Field.NumTZ => "-0700",
        Field.NumColonTZ => "-07:00",
        _ => chunk.Field.ToString(),
    };

    /// <summary>Go's <c>skip</c>: literal text must match, a space matches any run of spaces.</summary>
    private static bool Skip(ref string value, string prefix)
    {
        var p = 0;
        while (p < prefix.Length)
        {
            if (prefix[p] == ' ')
            {
                if (value.Length > 0 && value[0] != ' ')
                {
                    return false;
                }

                while (p < prefix.Length && prefix[p] == ' ')
                {
                    p++;
                }

                value = value.TrimStart(' ');
                continue;
            }

            if (value.Length == 0 || value[0] != prefix[p])
            {
                return false;
            }

            value = value[1..];
            p++;
        }

        return true;
    }

    private static bool TakeDigits(ref string value, int min, int max, out int result)
    {
        result = 0;
        var n = 0;
        while (n < max && n < value.Length && char.IsAsciiDigit(value[n]))
        {
            n++;
        }

        if (n < min)
        {
            return false;
        }

        result = int.Parse(value.AsSpan(0, n), CultureInfo.InvariantCulture);
        value = value[n..];
        return true;
    }

    private static bool TakeName(ref string value, string[] names, bool abbreviated, out int index)
    {
        for (index = 0; index < names.Length; index++)
        {
            var name = abbreviated ? names[index][..3] : names[index];
            if (value.StartsWith(name, StringComparison.OrdinalIgnoreCase))
            {
                value = value[name.Length..];
                return true;
            }
        }

        index = 0;
        return false;
    }

    private static int ParseNanos(string digits)
    {
        var text = digits.Length > 9 ? digits[..9] : digits.PadRight(9, '0');
        return int.Parse(text, CultureInfo.InvariantCulture);
    }

    private static bool TakeOffset(ref string value, Field field, out int offset)
    {
        offset = 0;
        var iso = field is Field.Iso8601TZ or Field.Iso8601ColonTZ or Field.Iso8601SecondsTZ or Field.Iso8601ShortTZ or Field.Iso8601ColonSecondsTZ;
        if (iso && value.StartsWith('Z'))
        {
            value = value[1..];
            return true;
        }

        var colon = field is Field.Iso8601ColonTZ or Field.NumColonTZ or Field.Iso8601ColonSecondsTZ or Field.NumColonSecondsTZ;
        var withSeconds = field is Field.Iso8601SecondsTZ or Field.NumSecondsTz or Field.Iso8601ColonSecondsTZ or Field.NumColonSecondsTZ;
        var shortForm = field is Field.Iso8601ShortTZ or Field.NumShortTZ;
        var pattern = shortForm ? "-hh" : colon ? (withSeconds ? "-hh:mm:ss" : "-hh:mm") : (withSeconds ? "-hhmmss" : "-hhmm");
        if (value.Length < pattern.Length || value[0] is not ('+' or '-'))
        {
            return false;
        }

        var text = value[..pattern.Length];
        for (var i = 1; i < pattern.Length; i++)
        {
            if (pattern[i] == ':' ? text[i] != ':' : !char.IsAsciiDigit(text[i]))
            {
                return false;
            }
        }

        var digits = text[1..].Replace(":", string.Empty, StringComparison.Ordinal);
        var hh = int.Parse(digits[..2], CultureInfo.InvariantCulture);
        var mm = digits.Length >= 4 ? int.Parse(digits[2..4], CultureInfo.InvariantCulture) : 0;
        var ss = digits.Length >= 6 ? int.Parse(digits[4..6], CultureInfo.InvariantCulture) : 0;
        if (hh > 24 || mm > 60 || ss > 60)
        {
            return false;
        }

        offset = ((hh * 3600) + (mm * 60) + ss) * (text[0] == '-' ? -1 : 1);
        value = value[pattern.Length..];
        return true;
    }
}
