using System.Diagnostics.Metrics;

namespace PhiGate.Host.Metrics;

/// <summary>
/// Which .NET meters the admin <c>/metrics</c> endpoint republishes. prometheus-net listens to every meter
/// by default, once the endpoint is first scraped.
/// </summary>
/// <remarks>
/// Meters that record on every buffer or every request are left out: each measurement takes a lock-protected
/// lease in the adapter. Kestrel's memory pool records every 4 KB block rented and returned (dozens per 64 KB
/// ext_proc body; a tenth of the server's CPU in profiles of that round trip), and ASP.NET Core's hosting and
/// routing meters record every call, which roughly doubled the server's CPU for a no-op gRPC call once
/// <c>/metrics</c> had been scraped. PhiGate's own <c>phigate_grpc_*</c> metrics already count and time every
/// call. The runtime's meter (GC, CPU, thread pool) and Kestrel's per-connection meters stay published.
/// </remarks>
internal static class MeterPublishing
{
    private static readonly HashSet<string> PerCallMeters = new(StringComparer.Ordinal)
    {
        "Microsoft.AspNetCore.MemoryPool",
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Routing",
    };

    /// <summary>Whether an instrument is republished on <c>/metrics</c>.</summary>
    public static bool IsPublished(Instrument instrument) => !PerCallMeters.Contains(instrument.Meter.Name);

    /// <summary>Sets the filter; takes effect at the first scrape, so it is called before the endpoint is mapped.</summary>
    public static void Configure() => Prometheus.Metrics.ConfigureMeterAdapter(options => options.InstrumentFilterPredicate = IsPublished);
}
