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
/// <para>
/// With admission on second use, the first verification of a token only records its digest in
/// <see cref="RecentlyVerified"/>; the object is cached when the same token comes back (its signature is then
/// not verified again, see <see cref="VerifiedBefore"/>). A stream of one-off tokens therefore never enters the
/// object cache: cached entries live long enough to be promoted and die old, and at thousands of new tokens a
/// second that garbage-collection work cost more than the RSA verification itself in traces of the fresh-token load.
/// </para>
/// </remarks>
internal sealed class ValidatedTokenCache
{
    private readonly int _generationSize;
    private readonly RecentlyVerified? _recentlyVerified;
    private Generation _current = new();
    private Generation _previous = new();

    public ValidatedTokenCache(int capacity, bool admitOnSecondUse = false)
    {
        _generationSize = capacity <= 0 ? 0 : Math.Max(1, capacity / 2);
        if (admitOnSecondUse && capacity > 0)
        {
            _recentlyVerified = new RecentlyVerified(capacity);
        }
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
        if (_generationSize == 0 || token.ExpiresAt <= now || !Admit(token.TokenHash))
        {
            return;
        }

        if (!TryInsert(token))
        {
            Volatile.Read(ref _current).Entries[token.TokenHash] = token;
        }
    }

    public void Remove(string tokenHash)
    {
        Volatile.Read(ref _current).Entries.TryRemove(tokenHash, out _);
        Volatile.Read(ref _previous).Entries.TryRemove(tokenHash, out _);
    }

    /// <summary>
    /// True when this exact token (same SHA-256) passed every check before but was not cached: its signature need
    /// not be verified again, only its claims.
    /// </summary>
    public bool VerifiedBefore(string tokenHash) => _recentlyVerified?.Contains(tokenHash) == true;

    /// <summary>First use: always. Second use: only when the token's digest was recorded by an earlier verification.</summary>
    private bool Admit(string tokenHash)
    {
        return _recentlyVerified is null || _recentlyVerified.SeenOrRemember(tokenHash);
    }

    /// <summary>A hit in the previous generation is moved to the current one (it is evidently still in use).</summary>
    private bool TryPromote(string tokenHash, out VerifiedToken token)
    {
        if (!Volatile.Read(ref _previous).Entries.TryGetValue(tokenHash, out token!))
        {
            return false;
        }

        TryInsert(token);
        return true;
    }

    /// <summary>Adds a new entry to the current generation, rotating it when it is full; false when the hash is already there.</summary>
    private bool TryInsert(VerifiedToken token)
    {
        var current = Volatile.Read(ref _current);
        if (!current.Entries.TryAdd(token.TokenHash, token))
        {
            return false;
        }

        if (Interlocked.Increment(ref current.Added) >= _generationSize)
        {
            Rotate(current);
        }

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
