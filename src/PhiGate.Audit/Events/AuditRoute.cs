namespace PhiGate.Audit;

/// <summary>The route in template form plus the digested values taken out of it.</summary>
public sealed record AuditRoute
{
    /// <summary>HTTP method, e.g. <c>GET</c>.</summary>
    public required string Method { get; init; }

    /// <summary>The path template, never the raw path, e.g. <c>/fhir/Patient/{id}</c>.</summary>
    public required string PathTemplate { get; init; }

    /// <summary>Digests of the resource ids found in the path, in path order.</summary>
    public IReadOnlyList<AuditDigest>? ResourceIds { get; init; }

    /// <summary>Query parameter names (plain) mapped to digests of their values.</summary>
    public IReadOnlyDictionary<string, AuditDigest>? Query { get; init; }
}
