namespace PhiGate.Audit;

/// <summary>Who called: the workload (mTLS) and the token's client, with the subject digested.</summary>
public sealed record AuditClient
{
    /// <summary>SHA-256 thumbprint of the client certificate (hex), or null without mTLS.</summary>
    public string? CertificateThumbprint { get; init; }

    /// <summary>SPIFFE ID from the client certificate's URI SAN, e.g. <c>spiffe://cluster/ns/x/sa/y</c>.</summary>
    public string? SpiffeId { get; init; }

    /// <summary>The token issuer (<c>iss</c>) after validation.</summary>
    public string? Issuer { get; init; }

    /// <summary>The OAuth client id (<c>azp</c> / <c>client_id</c>) after validation.</summary>
    public string? ClientId { get; init; }

    /// <summary>The token subject (<c>sub</c>) or user name, digested: a personal identifier.</summary>
    public AuditDigest? Subject { get; init; }

    /// <summary>The granted scopes (a fixed vocabulary, never user data).</summary>
    public IReadOnlyList<string>? Scopes { get; init; }

    /// <summary>The source IP address, digested: an IP address identifies a person under HIPAA.</summary>
    public AuditDigest? SourceAddress { get; init; }
}
