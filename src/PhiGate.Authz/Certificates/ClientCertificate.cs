namespace PhiGate.Authz.Certificates;

/// <summary>Facts of the caller's client certificate (from <c>source.certificate</c>), for binding checks and the policy input.</summary>
public sealed class ClientCertificate
{
    /// <summary>SHA-256 of the DER certificate, base64url without padding (the form of RFC 8705 <c>x5t#S256</c>).</summary>
    public required string Sha256Thumbprint { get; init; }

    /// <summary>The same digest as lower-case hex.</summary>
    public required string Sha256Hex { get; init; }

    public required string Subject { get; init; }

    public required string Issuer { get; init; }

    public required string SerialNumber { get; init; }

    public required DateTimeOffset NotBefore { get; init; }

    public required DateTimeOffset NotAfter { get; init; }

    public required IReadOnlyList<string> DnsNames { get; init; }

    public required IReadOnlyList<string> Uris { get; init; }

    public required IReadOnlyList<string> Emails { get; init; }

    public required IReadOnlyList<string> IpAddresses { get; init; }

    /// <summary>The one <c>spiffe://</c> URI SAN, when present (the SPIFFE X509-SVID carries exactly one).</summary>
    public required string? SpiffeId { get; init; }

    /// <summary>The caller identity this certificate proves, computed once per certificate.</summary>
    internal Replay.CallerIdentity? Caller { get; set; }
}
