namespace PhiGate.Audit;

/// <summary>An accepted event waiting for the writer, stamped with the time it was accepted.</summary>
internal readonly record struct QueuedEvent(DateTimeOffset Time, DecisionEvent? Decision, RedactionEvent? Redaction);
