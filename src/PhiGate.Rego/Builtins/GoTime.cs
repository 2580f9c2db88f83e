using System.Numerics;

namespace PhiGate.Rego.Builtins;

/// <summary>
/// An instant with nanosecond precision plus the UTC offset (and zone name) it is shown in, as Go's
/// <c>time.Time</c>. Civil dates are computed with proleptic Gregorian day arithmetic, so years outside
/// .NET's <see cref="DateTime"/> range still work.
/// </summary>
internal readonly record struct GoTime(long UnixSeconds, int Nanos, int OffsetSeconds, string ZoneName)
{
    public static readonly string[] MonthNames =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    public static readonly string[] DayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

    /// <summary>Gets the nanoseconds since the Unix epoch (may exceed 64 bits).</summary>
    public BigInteger UnixNanos => ((BigInteger)UnixSeconds * 1_000_000_000) + Nanos;

    private long LocalSeconds => UnixSeconds + OffsetSeconds;

    public (long Year, int Month, int Day) Date
    {
        get
        {
            var days = FloorDiv(LocalSeconds, 86_400);
            return CivilFromDays(days);
        }
    }

    public (int Hour, int Minute, int Second) Clock
    {
        get
        {
            var secs = (int)(LocalSeconds - (FloorDiv(LocalSeconds, 86_400) * 86_400));
            return (secs / 3600, secs / 60 % 60, secs % 60);
        }
    }

    public int Weekday => (int)(((FloorDiv(LocalSeconds, 86_400) % 7) + 11) % 7);

    public int YearDay
    {
        get
        {
            var (y, _, _) = Date;
            return (int)(FloorDiv(LocalSeconds, 86_400) - DaysFromCivil(y, 1, 1)) + 1;
        }
    }

    public static GoTime FromUnixNanos(long nanos, TimeZoneInfo? zone)
    {
        var seconds = FloorDiv(nanos, 1_000_000_000);
        var ns = (int)(nanos - (seconds * 1_000_000_000));
        return InZone(seconds, ns, zone);
    }

    public static GoTime InZone(long unixSeconds, int nanos, TimeZoneInfo? zone)
    {
        if (zone is null)
        {
            return new GoTime(unixSeconds, nanos, 0, "UTC");
        }

        var instant = DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(unixSeconds, -62_135_596_800L, 253_402_300_799L));
        var offset = zone.GetUtcOffset(instant);
        var dst = zone.IsDaylightSavingTime(instant);
        return new GoTime(unixSeconds, nanos, (int)offset.TotalSeconds, Abbreviation(zone, offset, dst));
    }

    private static string Abbreviation(TimeZoneInfo zone, TimeSpan offset, bool dst)
    {
        var name = dst ? zone.DaylightName : zone.StandardName;
        if (name.Length is >= 3 and <= 5 && name.All(char.IsAsciiLetterOrDigit))
        {
            return name;
        }

        // Go shows zones without an abbreviation as their numeric offset.
        var sign = offset < TimeSpan.Zero ? "-" : "+";
        var abs = offset.Duration();
        return abs.Minutes == 0 ? $"{sign}{abs.Hours:00}" : $"{sign}{abs.Hours:00}{abs.Minutes:00}";
    }

    /// <summary>Builds a time from civil fields in a fixed offset; fields out of range are normalised as Go's <c>time.Date</c>.</summary>
    public static GoTime FromCivil(long year, long month, long day, long hour, long minute, long second, long nanos, int offsetSeconds, string zoneName)
    {
        // Normalise month into [1, 12] carrying into the year.
        var m0 = month - 1;
        year += FloorDiv(m0, 12);
        month = m0 - (FloorDiv(m0, 12) * 12) + 1;
        second += FloorDiv(nanos, 1_000_000_000);
        nanos -= FloorDiv(nanos, 1_000_000_000) * 1_000_000_000;
        var days = DaysFromCivil(year, (int)month, 1) + (day - 1);
        var local = checked((days * 86_400) + (hour * 3600) + (minute * 60) + second);
        return new GoTime(local - offsetSeconds, (int)nanos, offsetSeconds, zoneName);
    }

    public static long FloorDiv(long a, long b)
    {
        var q = a / b;
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
    }

    /// <summary>Days since 1970-01-01 of a proleptic Gregorian date.</summary>
    public static long DaysFromCivil(long y, int m, int d)
    {
        y -= m <= 2 ? 1 : 0;
        var era = FloorDiv(y, 400);
        var yoe = y - (era * 400);
        var doy = ((153 * (m + (m > 2 ? -3 : 9))) + 2) / 5 + d - 1;
        var doe = (yoe * 365) + (yoe / 4) - (yoe / 100) + doy;
        return (era * 146_097) + doe - 719_468;
    }

    public static (long Year, int Month, int Day) CivilFromDays(long z)
    {
        z += 719_468;
        var era = FloorDiv(z, 146_097);
        var doe = z - (era * 146_097);
        var yoe = (doe - (doe / 1460) + (doe / 36_524) - (doe / 146_096)) / 365;
        var y = yoe + (era * 400);
        var doy = doe - ((365 * yoe) + (yoe / 4) - (yoe / 100));
        var mp = ((5 * doy) + 2) / 153;
        var d = (int)(doy - (((153 * mp) + 2) / 5) + 1);
        var m = (int)(mp < 10 ? mp + 3 : mp - 9);
        return (m <= 2 ? y + 1 : y, m, d);
    }

    public static int DaysIn(int month, long year) => month switch
    {
        2 => (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28,
        4 or 6 or 9 or 11 => 30,
        _ => 31,
    };
}
