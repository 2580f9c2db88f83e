namespace PhiGate.Redaction.Operators;

/// <summary>
/// HMAC keys for the <c>hash</c> operator, by key id. The id is written into every pseudonym so that
/// a key rotation is visible in the data. Keys shorter than 32 bytes are refused.
/// </summary>
public sealed class PseudonymKeyRing
{
    /// <summary>Minimum key length in bytes (the HMAC-SHA256 block-size guidance).</summary>
    public const int MinimumKeyLength = 32;

    private readonly Dictionary<string, byte[]> _keys = new(StringComparer.Ordinal);

    /// <summary>An empty key ring: profiles that hash fall back to redaction.</summary>
    public static PseudonymKeyRing Empty { get; } = new();

    /// <summary>Adds a key; returns false (and adds nothing) when the id is empty or the key too short.</summary>
    public bool TryAdd(string keyId, ReadOnlySpan<byte> key)
    {
        ArgumentNullException.ThrowIfNull(keyId);
        if (keyId.Length == 0 || keyId.Length > 64 || key.Length < MinimumKeyLength || ReferenceEquals(this, Empty))
        {
            return false;
        }

        _keys[keyId] = key.ToArray();
        return true;
    }

    internal byte[]? Find(string? keyId) => keyId is not null && _keys.TryGetValue(keyId, out var key) ? key : null;
}
