namespace PhiGate.Audit;

/// <summary>
/// The hash-only, tamper-evident audit trail. ext_authz and ext_proc call it on the request path:
/// they digest every sensitive value with <see cref="Digest(string)"/> and append one event per
/// decision or redacted exchange. Appending never blocks on I/O: events go to a bounded queue that a
/// background writer drains in batches.
/// </summary>
/// <remarks>
/// Fail closed: when the trail cannot write (unwritable directory, disk full, queue full beyond the
/// configured wait), <see cref="IsHealthy"/> turns false, every append returns false, and the caller
/// must deny the request (ext_authz answers 503). An event for which an append returned true is
/// written eventually or reported in the logs at shutdown; it is never dropped silently.
/// </remarks>
public interface IAuditTrail
{
    /// <summary>True while the trail can accept and write events. Readiness follows this flag.</summary>
    bool IsHealthy { get; }

    /// <summary>
    /// False when auditing is switched off (<c>audit.enabled: false</c>): appends are accepted and discarded,
    /// so callers skip building events (and digesting values) altogether.
    /// </summary>
    bool IsEnabled => true;

    /// <summary>
    /// Digests a sensitive value (subject, user name, resource id, query value, found identifier, source
    /// address) into <c>hmac-sha256:&lt;key id&gt;:&lt;base64url&gt;</c> with the active HMAC key.
    /// The value is hashed as UTF-8, exactly as given (no trimming or case folding).
    /// </summary>
    AuditDigest Digest(string value);

    /// <inheritdoc cref="Digest(string)"/>
    AuditDigest Digest(ReadOnlySpan<char> value);

    /// <summary>
    /// <see cref="Digest(string)"/> for a value that recurs across requests, such as a source address: the
    /// trail may remember a bounded number of recent digests instead of computing them again. Use
    /// <see cref="Digest(string)"/> for values that are mostly unique (resource ids, query values).
    /// </summary>
    AuditDigest DigestRecurring(string value) => Digest(value);

    /// <summary>
    /// Queues a decision event without waiting. Returns false when the trail is unhealthy or the queue
    /// is full; the caller must then deny.
    /// </summary>
    bool TryAppend(DecisionEvent auditEvent);

    /// <summary>
    /// Queues a redaction event without waiting. Returns false when the trail is unhealthy or the queue
    /// is full; the caller must then deny (or block the exchange).
    /// </summary>
    bool TryAppend(RedactionEvent auditEvent);

    /// <summary>
    /// Queues a decision event, waiting at most <c>audit.max_queue_wait</c> for space when the queue is
    /// full. Completes synchronously on the fast path. Returns false when the event was not accepted.
    /// </summary>
    ValueTask<bool> AppendAsync(DecisionEvent auditEvent, CancellationToken cancellationToken = default);

    /// <inheritdoc cref="AppendAsync(DecisionEvent, CancellationToken)"/>
    ValueTask<bool> AppendAsync(RedactionEvent auditEvent, CancellationToken cancellationToken = default);
}
