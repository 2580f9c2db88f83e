using System.Collections.Concurrent;
using System.Globalization;
using System.Numerics;

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
/// With admission on second use, a token is cached only when its fingerprint is already in a fixed table of
/// recently verified tokens (64-bit prefixes of their hashes, no references, so the GC never scans it). A
/// stream of one-off tokens then never enters the cache: cached entries live long enough to be promoted and
/// die old, and at thousands of new tokens a second that garbage-collection work cost more than the RSA
/// verification itself in traces of the fresh-token load.
/// </para>
/// </remarks>
internal sealed class ValidatedTokenCache
{
    private readonly int _generationSize;
    private readonly long[]? _recentlySeen;
    private Generation _current = new();
    private Generation _previous = new();

    public ValidatedTokenCache(int capacity, bool admitOnSecondUse = false)
    {
        _generationSize = capacity <= 0 ? 0 : Math.Max(1, capacity / 2);
        if (admitOnSecondUse && capacity > 0)
        {
            _recentlySeen = new long[(int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(1_024, capacity))];
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

    /// <summary>First use: always. Second use: only when the token's fingerprint was recorded by an earlier verification.</summary>
    private bool Admit(string tokenHash)
    {
        if (_recentlySeen is null)
        {
            return true;
        }

        // The hash is hex SHA-256: its first 16 digits are a well-mixed 64-bit fingerprint.
        var fingerprint = long.Parse(tokenHash.AsSpan(0, 16), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
        var slot = (int)((ulong)fingerprint & (ulong)(_recentlySeen.Length - 1));
        return Interlocked.Exchange(ref _recentlySeen[slot], fingerprint) == fingerprint;
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
