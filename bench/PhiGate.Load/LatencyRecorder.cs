using System.Diagnostics;

namespace PhiGate.Load;

/// <summary>Collects every latency of a run (bounded by the run's length) and reports exact percentiles.</summary>
internal sealed class LatencyRecorder
{
    private readonly long[][] _perWorker;
    private readonly int[] _counts;

    public LatencyRecorder(int workers, int capacityPerWorker)
    {
        _perWorker = new long[workers][];
        for (var i = 0; i < workers; i++)
        {
            _perWorker[i] = new long[capacityPerWorker];
        }

        _counts = new int[workers];
    }

    /// <summary>Records one latency in Stopwatch ticks; drops it when the worker's buffer is full.</summary>
    public void Record(int worker, long ticks)
    {
        var count = _counts[worker];
        if (count < _perWorker[worker].Length)
        {
            _perWorker[worker][count] = ticks;
            _counts[worker] = count + 1;
        }
    }

    public LatencySummary Summarize(TimeSpan elapsed, long errors)
    {
        var all = new long[_counts.Sum()];
        var offset = 0;
        for (var i = 0; i < _perWorker.Length; i++)
        {
            Array.Copy(_perWorker[i], 0, all, offset, _counts[i]);
            offset += _counts[i];
        }

        return LatencySummary.From(all, elapsed, errors);
    }
}

/// <summary>
/// One run's result: requests/s and latency percentiles in microseconds; for open-loop runs also the calls
/// shed at the in-flight bound and the scheduler's p99 lateness against the intended send times.
/// </summary>
internal sealed record LatencySummary(long Requests, long Errors, double RequestsPerSecond, double P50Micros, double P99Micros, double P999Micros)
{
    public long Shed { get; init; }

    public double? SendLagP99Micros { get; init; }

    /// <summary>Every latency of the run in Stopwatch ticks, sorted: lets interleaved slices be pooled into one distribution.</summary>
    public long[] SortedTicks { get; init; } = [];

    /// <summary>Summarizes latencies in Stopwatch ticks (sorted in place).</summary>
    public static LatencySummary From(long[] ticks, TimeSpan elapsed, long errors)
    {
        Array.Sort(ticks);
        return new LatencySummary(ticks.Length, errors, ticks.Length / elapsed.TotalSeconds,
            PercentileMicros(ticks, 0.50), PercentileMicros(ticks, 0.99), PercentileMicros(ticks, 0.999))
        {
            SortedTicks = ticks,
        };
    }

    public static double PercentileMicros(long[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)] * 1_000_000.0 / Stopwatch.Frequency;
}
