namespace PhiGate.Load;

/// <summary>
/// The spawned server's managed allocation and collections during a measured run, read from its admin
/// <c>/metrics</c> (the runtime's System.Runtime meter). Bytes allocated per exchange drive the collector's
/// work, and with it the latency tail on a busy machine.
/// </summary>
internal sealed class ServerGcMeter(Uri metrics)
{
    private GcTotals _start;

    public async Task StartAsync() => _start = await ReadAsync();

    /// <summary>Allocated bytes per exchange, and the collections and pause seconds over the run.</summary>
    public async Task<GcTotals> DeltaAsync() => (await ReadAsync()) - _start;

    private async Task<GcTotals> ReadAsync() => GcTotals.From(await MetricsScrape.ReadAsync(metrics));
}

/// <summary>Cumulative GC figures of the server; subtracting two readings gives a run's share.</summary>
internal readonly record struct GcTotals(double AllocatedBytes, double Gen0, double Gen1, double Gen2, double PauseSeconds)
{
    /// <summary>The runtime meter's GC series in one <c>/metrics</c> reading.</summary>
    public static GcTotals From(IReadOnlyDictionary<string, double> samples)
    {
        double Sample(string series) => samples.GetValueOrDefault(series);
        return new GcTotals(
            Sample("system_runtime_dotnet_gc_heap_total_allocated"),
            Sample("system_runtime_dotnet_gc_collections{gc_heap_generation=\"gen0\"}"),
            Sample("system_runtime_dotnet_gc_collections{gc_heap_generation=\"gen1\"}"),
            Sample("system_runtime_dotnet_gc_collections{gc_heap_generation=\"gen2\"}"),
            Sample("system_runtime_dotnet_gc_pause_time"));
    }

    public static GcTotals operator -(GcTotals a, GcTotals b) =>
        new(a.AllocatedBytes - b.AllocatedBytes, a.Gen0 - b.Gen0, a.Gen1 - b.Gen1, a.Gen2 - b.Gen2, a.PauseSeconds - b.PauseSeconds);
}
