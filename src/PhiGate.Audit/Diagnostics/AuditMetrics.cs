using Prometheus;

namespace PhiGate.Audit;

/// <summary>
/// The trail's Prometheus metrics. Labels are enums only. The host shares the default registry; tests
/// give each trail its own registry.
/// </summary>
internal sealed class AuditMetrics
{
    private readonly Counter.Child[] _written;
    private readonly Counter.Child[] _writeFailures;
    private readonly Counter.Child _rejectedUnhealthy;
    private readonly Counter.Child _rejectedQueueFull;

    public AuditMetrics(CollectorRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var factory = Metrics.WithCustomRegistry(registry);
        var written = factory.CreateCounter("phigate_audit_events_written_total", "Audit records durably written, by record type.",
            new CounterConfiguration { LabelNames = ["type"] });
        _written = [written.WithLabels("decision"), written.WithLabels("redaction"), written.WithLabels("checkpoint")];
        var failures = factory.CreateCounter("phigate_audit_write_failures_total", "Failed audit writes, by sink.",
            new CounterConfiguration { LabelNames = ["sink"] });
        _writeFailures = [failures.WithLabels("file"), failures.WithLabels("stdout")];
        var rejected = factory.CreateCounter("phigate_audit_events_rejected_total", "Audit events refused at append (the request was denied), by reason.",
            new CounterConfiguration { LabelNames = ["reason"] });
        _rejectedUnhealthy = rejected.WithLabels("unhealthy");
        _rejectedQueueFull = rejected.WithLabels("queue_full");
        QueueDepth = factory.CreateGauge("phigate_audit_queue_depth", "Audit events waiting for the writer.");
        LastCheckpointAge = factory.CreateGauge("phigate_audit_last_checkpoint_age_seconds", "Seconds since the last signed checkpoint was written.");
        Healthy = factory.CreateGauge("phigate_audit_healthy", "1 while the audit trail can write, 0 while it fails closed.");
    }

    public Gauge QueueDepth { get; }

    public Gauge LastCheckpointAge { get; }

    public Gauge Healthy { get; }

    public void Written(RecordType type, long count) => _written[(int)type].Inc(count);

    public void WriteFailed(AuditSinkKind sink) => _writeFailures[(int)sink].Inc();

    public void Rejected(bool queueFull) => (queueFull ? _rejectedQueueFull : _rejectedUnhealthy).Inc();
}
