using System.Collections.Concurrent;
using System.Numerics;
using PhiGate.Rego.Values;

namespace PhiGate.Rego.Builtins;

/// <summary>
/// <c>time.*</c>: <c>now_ns</c> (one value per query), <c>parse_ns</c> (Go layouts), <c>parse_rfc3339_ns</c>,
/// <c>parse_duration_ns</c>, <c>date</c>, <c>clock</c>, <c>weekday</c>, <c>add_date</c>, <c>diff</c>, <c>format</c>.
/// Time arguments are nanoseconds or <c>[ns, "IANA zone", layout]</c>.
/// </summary>
internal static class TimeBuiltins
{
    private const string TimeArg = "any<number, array[any<number, string>]>";
    private static readonly ConcurrentDictionary<string, TimeZoneInfo?> Zones = new(StringComparer.Ordinal);

    public static void Register(BuiltinRegistry r)
    {
        r.Add("time.now_ns", [], "number", static (ctx, _) => ctx.Now, nondeterministic: true);
        r.Add("time.parse_ns", ["string", "string"], "number", static (_, a) =>
        {
            var layout = Args.String(a, 0);
            return Parse(GoTimeLayout.Named.GetValueOrDefault(layout, layout), Args.String(a, 1));
        });
        r.Add("time.parse_rfc3339_ns", ["string"], "number", static (_, a) => Parse(GoTimeLayout.Named["RFC3339"], Args.String(a, 0)));
        r.Add("time.parse_duration_ns", ["string"], "number", static (_, a) =>
            GoDuration.TryParse(Args.String(a, 0), out var ns, out var error) ? Value.From(ns) : throw BuiltinErrors.Fail(error));
        r.Add("time.date", [TimeArg], "array[number]", static (_, a) =>
        {
            var (y, m, d) = TimeOf(a[0]).Time.Date;
            return Value.NewArray(Value.From(y), Value.From(m), Value.From(d));
        });
        r.Add("time.clock", [TimeArg], "array[number]", static (_, a) =>
        {
            var (h, m, s) = TimeOf(a[0]).Time.Clock;
            return Value.NewArray(Value.From(h), Value.From(m), Value.From(s));
        });
        r.Add("time.weekday", [TimeArg], "string", static (_, a) => Value.From(GoTime.DayNames[TimeOf(a[0]).Time.Weekday]));
        r.Add("time.add_date", [TimeArg, "number", "number", "number"], "number", AddDate);
        r.Add("time.diff", [TimeArg, TimeArg], "array[number]", Diff);
        r.Add("time.format", [TimeArg], "string", static (_, a) =>
        {
            var (t, layout) = TimeOf(a[0]);
            layout = layout.Length == 0 ? GoTimeLayout.Named["RFC3339Nano"] : GoTimeLayout.Named.GetValueOrDefault(layout, layout);
            return Value.From(GoTimeLayout.Format(t, layout));
        });
    }

    private static Value Parse(string layout, string value)
    {
        if (!GoTimeLayout.TryParse(layout, value, out var t, out var error))
        {
            throw BuiltinErrors.Fail(error);
        }

        return SafeNanos(t);
    }

    private static Value SafeNanos(GoTime t)
    {
        var ns = t.UnixNanos;
        return ns < long.MinValue || ns > long.MaxValue ? throw BuiltinErrors.Fail("time outside of valid range") : Value.From(ns);
    }

    /// <summary>Reads <c>ns</c> or <c>[ns, zone, layout]</c>.</summary>
    private static (GoTime Time, string Layout) TimeOf(Value v)
    {
        const string expected = "either number (ns) or [number (ns), string (tz)]";
        Value ns;
        TimeZoneInfo? zone = null;
        var layout = string.Empty;
        switch (v)
        {
            case NumberValue:
                ns = v;
                break;
            case ArrayValue { Count: > 0 } arr:
                ns = arr[0] is NumberValue ? arr[0] : throw BuiltinErrors.Operand(0, "number", arr[0]);
                if (arr.Count > 1)
                {
                    var name = arr[1] is StringValue s ? s.Value : throw BuiltinErrors.Operand(0, "string", arr[1]);
                    zone = Zone(name);
                }

                if (arr.Count > 2)
                {
                    layout = arr[2] is StringValue l ? l.Value : throw BuiltinErrors.Operand(0, "string", arr[2]);
                }

                break;
            default:
                throw BuiltinErrors.Operand(0, expected, v);
        }

        var n = (NumberValue)ns;
        BigInteger whole;
        if (n.TryGetBigInteger(out var b))
        {
            whole = b;
        }
        else
        {
            throw BuiltinErrors.Fail("timestamp too big");
        }

        if (whole < long.MinValue || whole > long.MaxValue)
        {
            throw BuiltinErrors.Fail("timestamp too big");
        }

        return (GoTime.FromUnixNanos((long)whole, zone), layout);
    }

    private static TimeZoneInfo? Zone(string name)
    {
        if (name is "" or "UTC")
        {
            return null;
        }

        if (name == "Local")
        {
            return TimeZoneInfo.Local;
        }

        var zone = Zones.GetOrAdd(name, static n =>
        {
            try
            {
                return TimeZoneInfo.FindSystemTimeZoneById(n);
            }
            catch (TimeZoneNotFoundException)
            {
                return null;
            }
            catch (InvalidTimeZoneException)
            {
                return null;
            }
        });

        return zone ?? throw BuiltinErrors.Fail("unknown time zone " + name);
    }

    private static Value AddDate(BuiltinContext ctx, ReadOnlySpan<Value> a)
    {
        var (t, _) = TimeOf(a[0]);
        var years = Args.Int32(a, 1);
        var months = Args.Int32(a, 2);
        var days = Args.Int32(a, 3);
        var (y, m, d) = t.Date;
        var (hh, mm, ss) = t.Clock;
        GoTime result;
        try
        {
            result = GoTime.FromCivil(y + years, m + months, d + (long)days, hh, mm, ss, t.Nanos, t.OffsetSeconds, t.ZoneName);
        }
        catch (OverflowException)
        {
            throw BuiltinErrors.Fail("time outside of valid range");
        }

        return SafeNanos(result);
    }

    /// <summary>Calendar difference (years, months, days, hours, minutes, seconds) between two instants.</summary>
    private static Value Diff(BuiltinContext ctx, ReadOnlySpan<Value> a)
    {
        var (t1, _) = TimeOf(a[0]);
        var (t2, _) = TimeOf(a[1]);
        var zone = Zone(a[0] is ArrayValue { Count: > 1 } arr && arr[1] is StringValue z ? z.Value : string.Empty);
        t2 = GoTime.InZone(t2.UnixSeconds, t2.Nanos, zone);
        if (t1.UnixNanos > t2.UnixNanos)
        {
            (t1, t2) = (t2, t1);
        }

        var (y1, m1, d1) = t1.Date;
        var (y2, m2, d2) = t2.Date;
        var (h1, n1, s1) = t1.Clock;
        var (h2, n2, s2) = t2.Clock;
        var year = y2 - y1;
        var month = m2 - m1;
        var day = d2 - d1;
        var hour = h2 - h1;
        var minute = n2 - n1;
        var second = s2 - s1;
        if (second < 0)
        {
            second += 60;
            minute--;
        }

        if (minute < 0)
        {
            minute += 60;
            hour--;
        }

        if (hour < 0)
        {
            hour += 24;
            day--;
        }

        if (day < 0)
        {
            day += GoTime.DaysIn(m1, y1);
            month--;
        }

        if (month < 0)
        {
            month += 12;
            year--;
        }

        return Value.NewArray(Value.From(year), Value.From(month), Value.From(day), Value.From(hour), Value.From(minute), Value.From(second));
    }
}
