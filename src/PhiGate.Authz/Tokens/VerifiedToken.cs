using System.Text.Json;

namespace PhiGate.Authz.Tokens;

/// <summary>
/// The facts of a token whose signature and claims were verified. Immutable, so one instance can be shared
/// by every request that presents the same token (see <see cref="ValidatedTokenCache"/>).
/// </summary>
public sealed class VerifiedToken
{
    public required string Issuer { get; init; }

    public required string? Subject { get; init; }

    public required string? ClientId { get; init; }

    public required IReadOnlyList<string> Audiences { get; init; }

    public required IReadOnlyList<string> Scopes { get; init; }

    public required string? Jti { get; init; }

    public required string Algorithm { get; init; }

    public required string? KeyId { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }

    public required DateTimeOffset? IssuedAt { get; init; }

    /// <summary>RFC 8705 <c>cnf.x5t#S256</c> (base64url SHA-256 of the bound certificate), when present.</summary>
    public required string? CertificateThumbprint { get; init; }

    /// <summary>The verified payload, every claim as sent.</summary>
    public required JsonElement Claims { get; init; }

    /// <summary>Hex SHA-256 of the compact token: a stable, non-reversible id for logs and audit.</summary>
    public required string TokenHash { get; init; }

    /// <summary>The replay-store key, computed on first use and reused while the token is cached.</summary>
    internal string? ReplayKey { get; set; }

    /// <summary>The subject's audit digest, made on first use and reused while the token is cached.</summary>
    internal Decisions.CachedDigest? AuditSubject { get; set; }

    /// <summary>The policy input's <c>identity</c> object last built for this token, with the certificate it was built with (a race builds it twice, identically).</summary>
    internal PolicyInput.CachedIdentity? PolicyIdentity { get; set; }
}
