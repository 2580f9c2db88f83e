using System.Collections.Concurrent;

namespace PhiGate.Authz.Tokens;

/// <summary>
/// Tokens already verified, keyed by the SHA-256 of the compact token, so a token presented again is not
/// verified cryptographically again. Bounded; an entry is dropped once its token expires. Per-request checks
/// (replay, certificate binding) are never cached.
/// </summary>
internal sealed class ValidatedTokenCache(int capacity)
{
    private readonly ConcurrentDictionary<string, VerifiedToken> _entries = new(StringComparer.Ordinal);
    private int _sweeping;

    public int Count => _entries.Count;

    public bool TryGet(string tokenHash, DateTimeOffset now, TimeSpan clockSkew, out VerifiedToken token)
    {
        if (_entries.TryGetValue(tokenHash, out var found))
        {
            if (now < found.ExpiresAt + clockSkew)
            {
                token = found;
                return true;
            }

            _entries.TryRemove(tokenHash, out _);
        }

        token = null!;
        return false;
    }

    public void Add(VerifiedToken token, DateTimeOffset now)
    {
        if (capacity <= 0)
        {
            return;
        }

        if (_entries.Count >= capacity)
        {
            MakeRoom(now);
        }

        _entries[token.TokenHash] = token;
    }

    public void Remove(string tokenHash) => _entries.TryRemove(tokenHash, out _);

    /// <summary>Drops expired entries; when still full, drops a tenth of the rest so a sweep stays rare.</summary>
    private void MakeRoom(DateTimeOffset now)
    {
        if (Interlocked.Exchange(ref _sweeping, 1) == 1)
        {
            return;
        }

        try
        {
            foreach (var entry in _entries)
            {
                if (entry.Value.ExpiresAt <= now)
                {
                    _entries.TryRemove(entry.Key, out _);
                }
            }

            var excess = _entries.Count - (capacity - Math.Max(1, capacity / 10));
            foreach (var entry in _entries)
            {
                if (excess-- <= 0)
                {
                    break;
                }

                _entries.TryRemove(entry.Key, out _);
            }
        }
        finally
        {
            Volatile.Write(ref _sweeping, 0);
        }
    }
}
