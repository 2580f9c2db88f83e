namespace PhiGate.Audit;

/// <summary>
/// An HMAC-SHA256 digest of a sensitive value in the form <c>hmac-sha256:&lt;key id&gt;:&lt;base64url&gt;</c>.
/// Only the trail (or an investigator's key ring) can make one, so an event field typed
/// <see cref="AuditDigest"/> can never hold a raw value.
/// </summary>
public sealed class AuditDigest : IEquatable<AuditDigest>
{
    /// <summary>The prefix every digest starts with.</summary>
    public const string Prefix = "hmac-sha256:";

    internal AuditDigest(string value)
    {
        Value = value;
    }

    /// <summary>The digest text, e.g. <c>hmac-sha256:k2026a:3q2-7w...</c>.</summary>
    public string Value { get; }

    /// <inheritdoc/>
    public override string ToString() => Value;

    /// <inheritdoc/>
    public bool Equals(AuditDigest? other) => other is not null && string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is AuditDigest other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);
}
