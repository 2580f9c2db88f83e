using Prometheus;

namespace PhiGate.Host.Metrics;

/// <summary>Call counters and latency histograms per gRPC service, method and outcome.</summary>
internal static class GrpcMetrics
{
    public static readonly Counter Calls = Prometheus.Metrics.CreateCounter(
        "phigate_grpc_calls_total",
        "gRPC calls served, by service, method and gRPC status code.",
        new CounterConfiguration { LabelNames = ["service", "method", "code"] });

    public static readonly Histogram Duration = Prometheus.Metrics.CreateHistogram(
        "phigate_grpc_call_duration_seconds",
        "gRPC call latency, by service, method and gRPC status code.",
        new HistogramConfiguration
        {
            LabelNames = ["service", "method", "code"],
            // From 50 µs (a cached Check) to 2.5 s (a large buffered body).
            Buckets = Histogram.ExponentialBuckets(0.00005, 2.5, 13),
        });
}
