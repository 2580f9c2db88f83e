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

        Array.Sort(all);
        double Percentile(double p) => all.Length == 0 ? 0 : all[Math.Min(all.Length - 1, (int)Math.Ceiling(p * all.Length) - 1)] * 1_000_000.0 / Stopwatch.Frequency;
        return new LatencySummary(all.Length, errors, all.Length / elapsed.TotalSeconds, Percentile(0.50), Percentile(0.99), Percentile(0.999));
    }
}

/// <summary>One run's result: requests/s and latency percentiles in microseconds.</summary>
internal sealed record LatencySummary(long Requests, long Errors, double RequestsPerSecond, double P50Micros, double P99Micros, double P999Micros);
