using StackExchange.Redis;

namespace PhiGate.Authz.Replay;

/// <summary>
/// Replay store shared by replicas: one Lua script does set-if-absent with expiry at the token's <c>exp</c> and,
/// when the key exists, compares the bound caller — atomic on the Redis server. Any Redis failure is
/// <see cref="ReplayClaim.Unavailable"/>; requests are never queued behind a lost connection.
/// </summary>
internal sealed class RedisReplayStore : IReplayStore, IAsyncDisposable
{
    // 0 = first use, 1 = same caller (bind), 2 = replay.
    private const string ClaimScript = """
        if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 0 end
        if ARGV[3] == 'once' then return 2 end
        if redis.call('GET', KEYS[1]) == ARGV[1] then return 1 end
        return 2
        """;

    private const string KeyPrefix = "phigate:jti:";

    private readonly Task<ConnectionMultiplexer> _connection;
    private readonly TimeProvider _time;

    public RedisReplayStore(ConfigurationOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _time = time;
        _connection = ConnectionMultiplexer.ConnectAsync(options);
    }

    /// <summary>Builds client options from <c>redis://[:password@]host:port</c> or <c>rediss://</c> (TLS).</summary>
    public static bool TryCreateOptions(string url, TimeSpan timeout, out ConfigurationOptions options)
    {
        options = new ConfigurationOptions();
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("redis" or "rediss") || string.IsNullOrEmpty(uri.Host))
        {
            return false;
        }

        options.EndPoints.Add(uri.Host, uri.IsDefaultPort || uri.Port <= 0 ? 6379 : uri.Port);
        options.Ssl = uri.Scheme == "rediss";
        var separator = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
        if (separator >= 0)
        {
            options.User = NullIfEmpty(Uri.UnescapeDataString(uri.UserInfo[..separator]));
            options.Password = NullIfEmpty(Uri.UnescapeDataString(uri.UserInfo[(separator + 1)..]));
        }

        options.AbortOnConnectFail = false;
        options.BacklogPolicy = BacklogPolicy.FailFast;
        options.ConnectTimeout = (int)timeout.TotalMilliseconds;
        options.AsyncTimeout = (int)timeout.TotalMilliseconds;
        options.SyncTimeout = (int)timeout.TotalMilliseconds;
        options.ClientName = "phigate";
        return true;
    }

    public async ValueTask<ReplayClaim> ClaimAsync(string key, string caller, ReplayMode mode, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var remaining = (long)Math.Ceiling((expiresAt - _time.GetUtcNow()).TotalMilliseconds);
        try
        {
            var connection = await _connection.WaitAsync(cancellationToken).ConfigureAwait(false);
            if (!connection.IsConnected)
            {
                return ReplayClaim.Unavailable;
            }

            var database = connection.GetDatabase();
            var result = await database.ScriptEvaluateAsync(
                ClaimScript,
                [new RedisKey(KeyPrefix + (mode == ReplayMode.Once ? "o:" : "b:") + key)],
                [caller, Math.Max(1, remaining), mode == ReplayMode.Once ? "once" : "bind"]).ConfigureAwait(false);
            return (int)result switch
            {
                0 => ReplayClaim.FirstUse,
                1 => ReplayClaim.SameCaller,
                _ => ReplayClaim.Replayed,
            };
        }
        catch (RedisException)
        {
            return ReplayClaim.Unavailable;
        }
        catch (TimeoutException)
        {
            return ReplayClaim.Unavailable;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            var connection = await _connection.ConfigureAwait(false);
            await connection.DisposeAsync().ConfigureAwait(false);
        }
        catch (RedisException)
        {
            // Nothing to release when the connection never came up.
        }
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
