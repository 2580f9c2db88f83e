namespace PhiGate.Rego.Builtins;

/// <summary>Go's reference-time layouts ("Mon Jan 2 15:04:05 MST 2006"), split into literal text and fields.</summary>
internal static partial class GoTimeLayout
{
    internal enum Field
    {
        None,
        LongMonth,
        Month,
        NumMonth,
        ZeroMonth,
        LongWeekDay,
        WeekDay,
        Day,
        UnderDay,
        ZeroDay,
        UnderYearDay,
        ZeroYearDay,
        Hour,
        Hour12,
        ZeroHour12,
        Minute,
        ZeroMinute,
        Second,
        ZeroSecond,
        LongYear,
        Year,
        PM,
        Pm,
        TZ,
        Iso8601TZ,
        Iso8601SecondsTZ,
        Iso8601ShortTZ,
        Iso8601ColonTZ,
        Iso8601ColonSecondsTZ,
        NumTZ,
        NumSecondsTz,
        NumShortTZ,
        NumColonTZ,
        NumColonSecondsTZ,
        FracSecond0,
        FracSecond9,
    }

    /// <summary>The named layouts OPA accepts in place of a layout string.</summary>
    public static readonly Dictionary<string, string> Named = new(StringComparer.Ordinal)
    {
        ["ANSIC"] = "Mon Jan _2 15:04:05 2006",
        ["UnixDate"] = "Mon Jan _2 15:04:05 MST 2006",
        ["RubyDate"] = "Mon Jan 02 15:04:05 -0700 2006",
        ["RFC822"] = "02 Jan 06 15:04 MST",
        ["RFC822Z"] = "02 Jan 06 15:04 -0700",
        ["RFC850"] = "Monday, 02-Jan-06 15:04:05 MST",
        ["RFC1123"] = "Mon, 02 Jan 2006 15:04:05 MST",
        ["RFC1123Z"] = "Mon, 02 Jan 2006 15:04:05 -0700",
        ["RFC3339"] = "2006-01-02T15:04:05Z07:00",
        ["RFC3339Nano"] = "2006-01-02T15:04:05.999999999Z07:00",
    };

    internal readonly record struct Chunk(string Prefix, Field Field, int Digits, char Separator);

    /// <summary>Splits a layout into (literal prefix, field) chunks, the last one possibly field-less.</summary>
    internal static List<Chunk> Split(string layout)
    {
        var chunks = new List<Chunk>();
        var start = 0;
        var i = 0;
        while (i < layout.Length)
        {
            var (field, length, digits) = Match(layout, i);
            if (field == Field.None)
            {
                i++;
                continue;
            }

            chunks.Add(new Chunk(layout[start..i], field, digits, field is Field.FracSecond0 or Field.FracSecond9 ? layout[i] : '\0'));
            i += length;
            start = i;
        }

        chunks.Add(new Chunk(layout[start..], Field.None, 0, '\0'));
        return chunks;
    }

    private static (Field Field, int Length, int Digits) Match(string l, int i)
    {
        bool At(string s) => string.CompareOrdinal(l, i, s, 0, s.Length) == 0 && i + s.Length <= l.Length;
        switch (l[i])
        {
            case 'J' when At("January"):
                return (Field.LongMonth, 7, 0);
            case 'J' when At("Jan"):
                return (Field.Month, 3, 0);
            case 'M' when At("Monday"):
                return (Field.LongWeekDay, 6, 0);
            case 'M' when At("Mon"):
                return (Field.WeekDay, 3, 0);
            case 'M' when At("MST"):
                return (Field.TZ, 3, 0);
            case '0' when At("002"):
                return (Field.ZeroYearDay, 3, 0);
            case '0' when i + 1 < l.Length && l[i + 1] is >= '1' and <= '6':
                return (l[i + 1] switch
                {
                    '1' => Field.ZeroMonth,
                    '2' => Field.ZeroDay,
                    '3' => Field.ZeroHour12,
                    '4' => Field.ZeroMinute,
                    '5' => Field.ZeroSecond,
                    _ => Field.Year,
                }, 2, 0);
            case '1' when At("15"):
                return (Field.Hour, 2, 0);
            case '1':
                return (Field.NumMonth, 1, 0);
            case '2' when At("2006"):
                return (Field.LongYear, 4, 0);
            case '2':
                return (Field.Day, 1, 0);
            case '_' when At("__2"):
                return (Field.UnderYearDay, 3, 0);
            case '_' when At("_2") && !At("_2006"):
                return (Field.UnderDay, 2, 0);
            case '3':
                return (Field.Hour12, 1, 0);
            case '4':
                return (Field.Minute, 1, 0);
            case '5':
                return (Field.Second, 1, 0);
            case 'P' when At("PM"):
                return (Field.PM, 2, 0);
            case 'p' when At("pm"):
                return (Field.Pm, 2, 0);
            case '-' when At("-07:00:00"):
                return (Field.NumColonSecondsTZ, 9, 0);
            case '-' when At("-070000"):
                return (Field.NumSecondsTz, 7, 0);
            case '-' when At("-07:00"):
                return (Field.NumColonTZ, 6, 0);
            case '-' when At("-0700"):
                return (Field.NumTZ, 5, 0);
            case '-' when At("-07"):
                return (Field.NumShortTZ, 3, 0);
            case 'Z' when At("Z07:00:00"):
                return (Field.Iso8601ColonSecondsTZ, 9, 0);
            case 'Z' when At("Z070000"):
                return (Field.Iso8601SecondsTZ, 7, 0);
            case 'Z' when At("Z07:00"):
                return (Field.Iso8601ColonTZ, 6, 0);
            case 'Z' when At("Z0700"):
                return (Field.Iso8601TZ, 5, 0);
            case 'Z' when At("Z07"):
                return (Field.Iso8601ShortTZ, 3, 0);
            case '.' or ',' when i + 1 < l.Length && l[i + 1] is '0' or '9':
                var ch = l[i + 1];
                var j = i + 1;
                while (j < l.Length && l[j] == ch)
                {
                    j++;
                }

                if (j < l.Length && char.IsAsciiDigit(l[j]))
                {
                    return (Field.None, 0, 0);
                }

                return (ch == '0' ? Field.FracSecond0 : Field.FracSecond9, j - i, j - i - 1);
            default:
                return (Field.None, 0, 0);
        }
    }
}
