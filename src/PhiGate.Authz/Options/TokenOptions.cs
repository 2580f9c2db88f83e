namespace PhiGate.Authz.Options;

/// <summary>Token validation settings (<c>authz.tokens</c>).</summary>
public sealed class TokenOptions
{
    /// <summary>Trusted issuers. Default: none, so every token is refused.</summary>
    public List<IssuerOptions> Issuers { get; set; } = [];

    /// <summary>Request header carrying the token. Default: <c>authorization</c> (RFC 6750 <c>Bearer</c> scheme).</summary>
    public string Header { get; set; } = "authorization";

    /// <summary>Longest accepted <c>exp - iat</c>. Default: <c>1h</c>.</summary>
    public string MaxLifetime { get; set; } = "1h";

    /// <summary>Tolerance for <c>exp</c>, <c>nbf</c> and <c>iat</c>. Default: <c>30s</c>; at most <c>5m</c>.</summary>
    public string ClockSkew { get; set; } = "30s";

    /// <summary>Claims every token must carry (besides <c>iss</c>, <c>aud</c>, <c>exp</c>, always required). Default: none.</summary>
    public List<string> RequiredClaims { get; set; } = [];

    /// <summary>Default replay mode: <c>bind</c>, <c>once</c> or <c>off</c>. Default: <c>bind</c>.</summary>
    public string Replay { get; set; } = "bind";

    /// <summary><c>memory</c> or <c>redis://host:port</c>. Default: <c>memory</c>.</summary>
    public string ReplayStore { get; set; } = "memory";

    /// <summary>What to do when the replay store cannot answer: <c>deny</c> or <c>allow</c>. Default: <c>deny</c>.</summary>
    public string ReplayStoreUnavailable { get; set; } = "deny";

    /// <summary>Capacity of the in-memory replay store. Default: 100000.</summary>
    public int ReplayMemoryCapacity { get; set; } = 100_000;

    /// <summary>Largest accepted token in bytes. Default: 8192.</summary>
    public int MaxTokenBytes { get; set; } = 8_192;

    /// <summary>Capacity of the validated-token cache (0 disables it). Default: 10000.</summary>
    public int ValidatedCacheSize { get; set; } = 10_000;

    /// <summary>
    /// When a verified token enters the validated-token cache: <c>second_use</c> (the first verification only
    /// records the token's SHA-256 in a fixed table; the second presentation skips the signature, re-checks the
    /// claims and is cached, so a stream of one-off tokens never fills the cache with objects the garbage
    /// collector must trace) or <c>first_use</c> (every verified token is cached at once). In both modes a token
    /// presented again is not verified cryptographically again. Default: <c>second_use</c>.
    /// </summary>
    public string ValidatedCacheAdmission { get; set; } = "second_use";

    /// <summary>Scheduled key refresh interval. Default: <c>10m</c>.</summary>
    public string KeyRefreshInterval { get; set; } = "10m";

    /// <summary>Minimum time between refreshes triggered by an unknown <c>kid</c>. Default: <c>30s</c>.</summary>
    public string KeyMinRefreshInterval { get; set; } = "30s";

    /// <summary>How long keys stay usable after the last successful fetch when the identity provider is down. Default: <c>24h</c>.</summary>
    public string KeyMaxAge { get; set; } = "24h";

    /// <summary>Timeout of one key or discovery fetch. Default: <c>5s</c>.</summary>
    public string KeyFetchTimeout { get; set; } = "5s";
}
