namespace PhiGate.Audit;

/// <summary>An accepted event waiting for the writer, stamped with the time it was accepted.</summary>
/// <remarks>
/// A class rather than a struct: the bounded queue and the pending list then run the framework's shared,
/// precompiled generic code, instead of code jitted for this one type that starts unoptimized and waits in
/// the tiering queue behind everything else a freshly started host compiles.
/// </remarks>
internal sealed class QueuedEvent(DateTimeOffset time, DecisionEvent? decision, RedactionEvent? redaction)
{
    public DateTimeOffset Time { get; } = time;

    public DecisionEvent? Decision { get; } = decision;

    public RedactionEvent? Redaction { get; } = redaction;
}
