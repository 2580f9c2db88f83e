using Microsoft.Extensions.Logging;
using PhiGate.Authz.Certificates;
using PhiGate.Authz.Options;
using PhiGate.Authz.Replay;
using PhiGate.Authz.Tokens.Keys;

namespace PhiGate.Authz.Tokens;

/// <summary>
/// Everything authentication needs, built once from validated <see cref="TokenOptions"/>: the authenticator, the
/// key caches (for scheduled refresh and readiness) and the replay store (disposed with the pipeline).
/// </summary>
internal sealed class TokenPipeline : IAsyncDisposable
{
    private readonly IReplayStore _store;

    private TokenPipeline(CallerAuthenticator authenticator, IReadOnlyList<IssuerKeyCache> keyCaches, IReplayStore store, TokenValidator validator)
    {
        Authenticator = authenticator;
        KeyCaches = keyCaches;
        Validator = validator;
        _store = store;
    }

    public CallerAuthenticator Authenticator { get; }

    public TokenValidator Validator { get; }

    public IReadOnlyList<IssuerKeyCache> KeyCaches { get; }

    public static TokenPipeline Create(TokenOptions options, HttpClient http, TimeProvider time, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(options);
        var keyLogger = loggers.CreateLogger("PhiGate.Authz.Keys");
        var keySettings = new KeyCacheSettings(
            DurationText.ParseValidated(options.KeyRefreshInterval),
            DurationText.ParseValidated(options.KeyMinRefreshInterval),
            DurationText.ParseValidated(options.KeyMaxAge));
        var fetcher = new HttpDocumentFetcher(http, DurationText.ParseValidated(options.KeyFetchTimeout));
        var defaultReplay = ParseReplay(options.Replay);

        var issuers = new List<TrustedIssuer>();
        for (var i = 0; i < options.Issuers.Count; i++)
        {
            var issuer = options.Issuers[i];
            var replay = issuer.Replay is null ? defaultReplay : ParseReplay(issuer.Replay);

            issuers.Add(new TrustedIssuer
            {
                Index = i,
                Issuer = issuer.Issuer,
                Audiences = [.. issuer.Audiences],
                Algorithms = new HashSet<string>(issuer.Algorithms.Count > 0 ? issuer.Algorithms : KeyAlgorithmRules.Default, StringComparer.Ordinal),
                Replay = replay,
                AllowMissingJti = issuer.AllowMissingJti,
                RequiredClaims = [.. options.RequiredClaims.Concat(issuer.RequiredClaims).Distinct(StringComparer.Ordinal)],
                Keys = new IssuerKeyCache(CreateSource(issuer, fetcher), keySettings, time, keyLogger, i),
            });
        }

        var settings = new TokenValidationSettings(
            DurationText.ParseValidated(options.ClockSkew),
            DurationText.ParseValidated(options.MaxLifetime),
            options.MaxTokenBytes);
        var validator = new TokenValidator(issuers, settings, new ValidatedTokenCache(options.ValidatedCacheSize, options.ValidatedCacheAdmission == "second_use"), time, loggers.CreateLogger("PhiGate.Authz.Tokens"));
        var store = CreateStore(options, time);
        var guard = new ReplayGuard(store, options.ReplayStoreUnavailable == "allow", loggers.CreateLogger("PhiGate.Authz.Replay"));
        var reader = new BearerTokenReader(options.Header, options.MaxTokenBytes);
        var authenticator = new CallerAuthenticator(reader, validator, guard, new ClientCertificateReader(), loggers.CreateLogger("PhiGate.Authz.Tokens"));
        return new TokenPipeline(authenticator, [.. issuers.Select(i => i.Keys)], store, validator);
    }

    /// <summary>The client for key and discovery fetches: no redirects (a redirect could leave HTTPS or loopback).</summary>
    public static HttpClient CreateHttpClient() =>
        new(new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            Timeout = TimeSpan.FromMinutes(1),
        };

    public async ValueTask DisposeAsync()
    {
        if (_store is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static ReplayMode ParseReplay(string text) =>
        ReplayModes.TryParse(text, out var mode) ? mode : throw new InvalidOperationException("Replay mode was not validated at start-up.");

    private static IKeySource CreateSource(IssuerOptions issuer, HttpDocumentFetcher fetcher)
    {
        if (!string.IsNullOrWhiteSpace(issuer.JwksFile))
        {
            return new FileKeySource(issuer.JwksFile);
        }

        var url = issuer.Discovery ?? issuer.JwksUri;
        if (!KeyUrlPolicy.IsAllowed(url, out var uri) || uri is null)
        {
            throw new InvalidOperationException("Key URL was not validated at start-up.");
        }

        return issuer.Discovery is not null ? new DiscoveryKeySource(fetcher, uri, issuer.Issuer) : new JwksUriKeySource(fetcher, uri);
    }

    private static IReplayStore CreateStore(TokenOptions options, TimeProvider time)
    {
        if (options.ReplayStore == "memory")
        {
            return new MemoryReplayStore(options.ReplayMemoryCapacity, time);
        }

        if (!RedisReplayStore.TryCreateOptions(options.ReplayStore, TimeSpan.FromMilliseconds(500), out var redis))
        {
            throw new InvalidOperationException("Replay store URL was not validated at start-up.");
        }

        return new RedisReplayStore(redis, time);
    }
}
