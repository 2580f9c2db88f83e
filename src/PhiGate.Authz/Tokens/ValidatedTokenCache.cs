using System.Collections.Concurrent;

namespace PhiGate.Authz.Tokens;

/// <summary>
/// Tokens already verified, keyed by the SHA-256 of the compact token, so a token presented again is not
/// verified cryptographically again. Bounded; an entry is dropped once its token expires. Per-request checks
/// (replay, certificate binding) are never cached.
/// </summary>
/// <remarks>
/// Two generations of at most half the capacity each: new entries go to the current one; when it fills up it
/// becomes the previous one and the old previous one is dropped whole. A hit in the previous generation moves
/// the entry forward, so tokens in use survive and one-off tokens age out. Eviction is O(1) and never scans,
/// which matters when every request brings a new token; the count is kept with interlocked counters because
/// <see cref="ConcurrentDictionary{TKey,TValue}.Count"/> takes every lock of the table.
/// </remarks>
internal sealed class ValidatedTokenCache
{
    private readonly int _generationSize;
    private Generation _current = new();
    private Generation _previous = new();

    public ValidatedTokenCache(int capacity)
    {
        _generationSize = capacity <= 0 ? 0 : Math.Max(1, capacity / 2);
    }

    /// <summary>Entries held now (both generations).</summary>
    public int Count => Volatile.Read(ref _current).Entries.Count + Volatile.Read(ref _previous).Entries.Count;

    public bool TryGet(string tokenHash, DateTimeOffset now, TimeSpan clockSkew, out VerifiedToken token)
    {
        var current = Volatile.Read(ref _current);
        if (current.Entries.TryGetValue(tokenHash, out var found) || TryPromote(tokenHash, out found))
        {
            if (now < found.ExpiresAt + clockSkew)
            {
                token = found;
                return true;
            }

            Remove(tokenHash);
        }

        token = null!;
        return false;
    }

    public void Add(VerifiedToken token, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (_generationSize == 0 || token.ExpiresAt <= now)
        {
            return;
        }

        var current = Volatile.Read(ref _current);
        if (current.Entries.TryAdd(token.TokenHash, token))
        {
            if (Interlocked.Increment(ref current.Added) >= _generationSize)
            {
                Rotate(current);
            }
        }
        else
        {
            current.Entries[token.TokenHash] = token;
        }
    }

    public void Remove(string tokenHash)
    {
        Volatile.Read(ref _current).Entries.TryRemove(tokenHash, out _);
        Volatile.Read(ref _previous).Entries.TryRemove(tokenHash, out _);
    }

    /// <summary>A hit in the previous generation is moved to the current one (it is evidently still in use).</summary>
    private bool TryPromote(string tokenHash, out VerifiedToken token)
    {
        if (!Volatile.Read(ref _previous).Entries.TryGetValue(tokenHash, out token!))
        {
            return false;
        }

        Add(token, DateTimeOffset.MinValue);
        return true;
    }

    /// <summary>Only the thread that fills a generation rotates it; racing adds land in either generation.</summary>
    private void Rotate(Generation full)
    {
        if (Interlocked.CompareExchange(ref _current, new Generation(), full) == full)
        {
            Volatile.Write(ref _previous, full);
        }
    }

    private sealed class Generation
    {
        public readonly ConcurrentDictionary<string, VerifiedToken> Entries = new(StringComparer.Ordinal);
        public int Added;
    }
}
