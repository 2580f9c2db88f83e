using Microsoft.Extensions.Logging;

namespace PhiGate.Authz.Tokens.Keys;

/// <summary>
/// One issuer's verification keys: fetched on first use, refreshed on schedule (<see cref="RefreshIfDueAsync"/>),
/// and refreshed at once when a token names an unknown <c>kid</c> — at most once per
/// <see cref="KeyCacheSettings.MinRefreshInterval"/>, so a flood of bogus kids cannot hammer the identity provider.
/// A failed fetch keeps the last good keys until <see cref="KeyCacheSettings.MaxAge"/> after their fetch.
/// </summary>
internal sealed class IssuerKeyCache
{
    private readonly IKeySource _source;
    private readonly KeyCacheSettings _settings;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly int _issuerIndex;
    private readonly Lock _gate = new();
    private SigningKeySet? _current;
    private DateTimeOffset? _lastAttempt;
    private DateTimeOffset? _lastUnknownKidRefresh;
    private Task? _refreshing;

    public IssuerKeyCache(IKeySource source, KeyCacheSettings settings, TimeProvider time, ILogger logger, int issuerIndex)
    {
        _source = source;
        _settings = settings;
        _time = time;
        _logger = logger;
        _issuerIndex = issuerIndex;
    }

    /// <summary>The keys in use now, or null when none are usable (never fetched, or older than the maximum age).</summary>
    public SigningKeySet? Current
    {
        get
        {
            var current = Volatile.Read(ref _current);
            return current is not null && _time.GetUtcNow() - current.FetchedAt <= _settings.MaxAge ? current : null;
        }
    }

    /// <summary>Finds the keys for a token header, refreshing first when none are usable or the kid is unknown.</summary>
    public async ValueTask<KeyLookup> FindAsync(string? kid, string algorithm, CancellationToken cancellationToken)
    {
        var keys = Current;
        if (keys is null)
        {
            await RefreshRateLimitedAsync(unknownKid: false, cancellationToken).ConfigureAwait(false);
            keys = Current;
            if (keys is null)
            {
                return new KeyLookup([], TokenFailure.KeysUnavailable);
            }
        }
        else
        {
            StartRefreshIfStale(keys);
        }

        var found = keys.Find(kid, algorithm);
        if (found.Count > 0)
        {
            return new KeyLookup(found, TokenFailure.None);
        }

        if (!string.IsNullOrEmpty(kid) && await RefreshRateLimitedAsync(unknownKid: true, cancellationToken).ConfigureAwait(false))
        {
            KeysLog.UnknownKidRefresh(_logger, _issuerIndex);
            found = Current?.Find(kid, algorithm) ?? [];
            if (found.Count > 0)
            {
                return new KeyLookup(found, TokenFailure.None);
            }
        }

        return new KeyLookup([], TokenFailure.UnknownKey);
    }

    /// <summary>Scheduled refresh: fetches when the keys are older than the refresh interval (or missing).</summary>
    public Task RefreshIfDueAsync(CancellationToken cancellationToken)
    {
        var current = Volatile.Read(ref _current);
        return current is null || _time.GetUtcNow() - current.FetchedAt >= _settings.RefreshInterval
            ? JoinOrStartRefresh(cancellationToken)
            : Task.CompletedTask;
    }

    private void StartRefreshIfStale(SigningKeySet keys)
    {
        if (_time.GetUtcNow() - keys.FetchedAt >= _settings.RefreshInterval && Allowed(_lastAttempt))
        {
            _ = JoinOrStartRefresh(CancellationToken.None);
        }
    }

    /// <summary>Waits for a refresh if one may run now (or is running); false when rate limited.</summary>
    /// <remarks>
    /// Unknown-kid refreshes are limited on their own clock, so a rotation right after a scheduled fetch is
    /// still picked up at once; refreshes for missing keys are limited by the last attempt of any kind.
    /// </remarks>
    private async Task<bool> RefreshRateLimitedAsync(bool unknownKid, CancellationToken cancellationToken)
    {
        var refresh = JoinOrStartRefresh(unknownKid ? RefreshReason.UnknownKid : RefreshReason.NoUsableKeys, CancellationToken.None);
        if (refresh is null)
        {
            return false;
        }

        await refresh.WaitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    private bool Allowed(DateTimeOffset? last) => last is null || _time.GetUtcNow() - last.Value >= _settings.MinRefreshInterval;

    private Task JoinOrStartRefresh(CancellationToken cancellationToken) =>
        JoinOrStartRefresh(RefreshReason.Scheduled, cancellationToken) ?? Task.CompletedTask;

    /// <summary>Joins the running refresh, or starts one; null when rate limited.</summary>
    private Task? JoinOrStartRefresh(RefreshReason reason, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_refreshing is { IsCompleted: false } running)
            {
                return running;
            }

            switch (reason)
            {
                case RefreshReason.UnknownKid when !Allowed(_lastUnknownKidRefresh):
                case RefreshReason.NoUsableKeys when !Allowed(_lastAttempt):
                    return null;
                case RefreshReason.UnknownKid:
                    _lastUnknownKidRefresh = _time.GetUtcNow();
                    break;
            }

            _lastAttempt = _time.GetUtcNow();
            var task = RefreshAsync(cancellationToken);
            _refreshing = task;
            return task;
        }
    }

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        // Run the fetch off the caller's stack so the lock above is never held across I/O.
        await Task.Yield();
        try
        {
            await FetchAndSwapAsync(cancellationToken).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A refresh runs detached from requests: any fault keeps the old keys instead of crashing.
        catch (Exception)
#pragma warning restore CA1031
        {
            KeysLog.FetchFailed(_logger, _issuerIndex, KeyFetchFailure.InvalidDocument, Volatile.Read(ref _current) is not null);
        }
    }

    private async Task FetchAndSwapAsync(CancellationToken cancellationToken)
    {
        var result = await _source.FetchAsync(cancellationToken).ConfigureAwait(false);
        if (result.Json is null)
        {
            KeysLog.FetchFailed(_logger, _issuerIndex, result.Failure, Volatile.Read(ref _current) is not null);
            return;
        }

        var parsed = SigningKeySet.TryParse(result.Json, _time.GetUtcNow(), out var skipped);
        if (parsed is null || parsed.Count == 0)
        {
            KeysLog.FetchFailed(_logger, _issuerIndex, KeyFetchFailure.InvalidDocument, Volatile.Read(ref _current) is not null);
            return;
        }

        Volatile.Write(ref _current, parsed);
        KeysLog.KeysLoaded(_logger, _issuerIndex, parsed.Count, skipped);
    }

    private enum RefreshReason
    {
        Scheduled,
        NoUsableKeys,
        UnknownKid,
    }
}
