using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace PhiGate.Audit;

/// <summary>
/// Remembers the digests of values that recur on every request from the same caller (source addresses):
/// an HMAC costs far more than a lookup. Bounded: when full it starts over, so a flood of distinct values
/// costs memory of at most <see cref="Capacity"/> entries and never evicts one by one.
/// </summary>
internal sealed class DigestMemo
{
    public const int Capacity = 4096;

    /// <summary>Longer values are digested every time: recurring identifiers are short.</summary>
    public const int MaxValueLength = 256;

    private readonly HmacKey _key;
    private readonly ConcurrentDictionary<string, AuditDigest> _digests = new(StringComparer.Ordinal);

    public DigestMemo(HmacKey key)
    {
        _key = key;
    }

    public int Count => _digests.Count;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public AuditDigest Digest(string value)
    {
        if (_digests.TryGetValue(value, out var known))
        {
            return known;
        }

        var digest = _key.Digest(value);
        if (value.Length <= MaxValueLength)
        {
            if (_digests.Count >= Capacity)
            {
                _digests.Clear();
            }

            _digests.TryAdd(value, digest);
        }

        return digest;
    }
}
