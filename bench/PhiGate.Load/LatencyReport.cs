using System.Diagnostics;
using System.Globalization;

namespace PhiGate.Load;

/// <summary>Counts and latency percentiles of one measured run.</summary>
internal sealed record LatencyReport(string Name, long Requests, long Allowed, long Denied, long Errors, TimeSpan Elapsed, long[] SortedTicks)
{
    public double RequestsPerSecond => Requests / Elapsed.TotalSeconds;

    public double PercentileMs(double p)
    {
        if (SortedTicks.Length == 0)
        {
            return double.NaN;
        }

        var index = (int)Math.Clamp(Math.Ceiling(p / 100 * SortedTicks.Length) - 1, 0, SortedTicks.Length - 1);
        return SortedTicks[index] * 1000.0 / Stopwatch.Frequency;
    }

    public string Format() => string.Create(CultureInfo.InvariantCulture,
        $"{Name,-28} {RequestsPerSecond,10:F0} req/s  p50 {PercentileMs(50),7:F3} ms  p99 {PercentileMs(99),7:F3} ms  p99.9 {PercentileMs(99.9),7:F3} ms  max {PercentileMs(100),8:F3} ms  ok {Allowed} denied {Denied} errors {Errors}");
}
