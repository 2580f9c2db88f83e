using Prometheus;

namespace PhiGate.ExtProc;

/// <summary>ext_proc message counters by kind, and streams by outcome.</summary>
internal static class ExtProcMetrics
{
    public static readonly Counter Messages = Metrics.CreateCounter(
        "phigate_extproc_messages_total", "ext_proc messages received, by kind.",
        new CounterConfiguration { LabelNames = ["kind"] });

    public static readonly Counter Streams = Metrics.CreateCounter(
        "phigate_extproc_streams_total", "ext_proc streams, by outcome.",
        new CounterConfiguration { LabelNames = ["outcome"] });
}
