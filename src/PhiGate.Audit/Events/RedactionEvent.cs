namespace PhiGate.Audit;

/// <summary>
/// One redacted (or checked) exchange from ext_proc: counts per identifier category and digests of the
/// identifiers found, never the identifiers themselves.
/// </summary>
public sealed record RedactionEvent
{
    /// <summary>Envoy's <c>x-request-id</c>.</summary>
    public required string RequestId { get; init; }

    /// <summary>The W3C trace id, when present.</summary>
    public string? TraceId { get; init; }

    /// <summary>Request or response.</summary>
    public required RedactionDirection Direction { get; init; }

    /// <summary>What was done.</summary>
    public required RedactionAction Action { get; init; }

    /// <summary>The redaction profile applied (a configured name).</summary>
    public string? Profile { get; init; }

    /// <summary>The body kind that was inspected, e.g. <c>fhir</c>, <c>json</c>, <c>text</c>.</summary>
    public string? ContentKind { get; init; }

    /// <summary>A stable reason code when <see cref="Action"/> is <see cref="RedactionAction.Blocked"/>.</summary>
    public string? ReasonCode { get; init; }

    /// <summary>The route in template form.</summary>
    public AuditRoute? Route { get; init; }

    /// <summary>The caller.</summary>
    public AuditClient? Client { get; init; }

    /// <summary>
    /// Findings per identifier category (category names are lower-case tokens such as <c>ssn</c>, <c>mrn</c>).
    /// </summary>
    public IReadOnlyDictionary<string, int>? Findings { get; init; }

    /// <summary>Digests of the identifiers found (at most 256 are kept; the count of the rest is recorded).</summary>
    public IReadOnlyList<AuditDigest>? Identifiers { get; init; }
}
