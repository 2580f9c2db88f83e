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
            // From 25 µs (a cached Check) to 2.5 s (a large buffered body), in 1-2.5-5 steps so 1 ms (the
            // Check latency target) is a bucket bound.
            Buckets = [0.000025, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
        });
}
