using System.Diagnostics.Metrics;

namespace PhiGate.Host.Metrics;

/// <summary>
/// Which .NET meters the admin <c>/metrics</c> endpoint republishes. prometheus-net listens to every meter
/// by default, once the endpoint is first scraped.
/// </summary>
/// <remarks>
/// Kestrel's memory pool meter records a measurement for every 4 KB block rented and returned: a 64 KB
/// ext_proc body is dozens per message, and each one takes a lock-protected lease in the adapter. Profiles
/// of the ext_proc round trip put a tenth of the server's CPU there, for a figure that says nothing about
/// PhiGate. The runtime's meter (GC, CPU, thread pool) and Kestrel's connection meters stay published.
/// </remarks>
internal static class MeterPublishing
{
    private static readonly HashSet<string> PerBufferMeters = new(StringComparer.Ordinal) { "Microsoft.AspNetCore.MemoryPool" };

    /// <summary>Whether an instrument is republished on <c>/metrics</c>.</summary>
    public static bool IsPublished(Instrument instrument) => !PerBufferMeters.Contains(instrument.Meter.Name);

    /// <summary>Sets the filter; takes effect at the first scrape, so it is called before the endpoint is mapped.</summary>
    public static void Configure() => Prometheus.Metrics.ConfigureMeterAdapter(options => options.InstrumentFilterPredicate = IsPublished);
}
