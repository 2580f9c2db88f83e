using System.Globalization;

namespace PhiGate.Load;

/// <summary>
/// The spawned server's managed allocation and collections during a measured run, read from its admin
/// <c>/metrics</c> (the runtime's System.Runtime meter). Bytes allocated per exchange drive the collector's
/// work, and with it the latency tail on a busy machine.
/// </summary>
internal sealed class ServerGcMeter(string adminAddress)
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };

    private GcTotals _start;

    public async Task StartAsync() => _start = await ReadAsync();

    /// <summary>Allocated bytes per exchange, and the collections and pause seconds over the run.</summary>
    public async Task<GcTotals> DeltaAsync() => (await ReadAsync()) - _start;

    private async Task<GcTotals> ReadAsync()
    {
        var text = await Http.GetStringAsync(new Uri(adminAddress + "/metrics"));
        double allocated = 0, gen0 = 0, gen1 = 0, gen2 = 0, pause = 0;
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith('#'))
            {
                continue;
            }

            var space = line.LastIndexOf(' ');
            if (space < 0 || !double.TryParse(line.AsSpan(space + 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                continue;
            }

            var name = line[..space];
            switch (name)
            {
                case "system_runtime_dotnet_gc_heap_total_allocated":
                    allocated = value;
                    break;
                case "system_runtime_dotnet_gc_collections{gc_heap_generation=\"gen0\"}":
                    gen0 = value;
                    break;
                case "system_runtime_dotnet_gc_collections{gc_heap_generation=\"gen1\"}":
                    gen1 = value;
                    break;
                case "system_runtime_dotnet_gc_collections{gc_heap_generation=\"gen2\"}":
                    gen2 = value;
                    break;
                case "system_runtime_dotnet_gc_pause_time":
                    pause = value;
                    break;
            }
        }

        return new GcTotals(allocated, gen0, gen1, gen2, pause);
    }
}

/// <summary>Cumulative GC figures of the server; subtracting two readings gives a run's share.</summary>
internal readonly record struct GcTotals(double AllocatedBytes, double Gen0, double Gen1, double Gen2, double PauseSeconds)
{
    public static GcTotals operator -(GcTotals a, GcTotals b) =>
        new(a.AllocatedBytes - b.AllocatedBytes, a.Gen0 - b.Gen0, a.Gen1 - b.Gen1, a.Gen2 - b.Gen2, a.PauseSeconds - b.PauseSeconds);
}
