namespace PhiGate.Deployment.Tests.Envoy;

/// <summary>One promise the data-plane configuration makes; <see cref="EnvoyConfigCheck"/> tests each.</summary>
internal enum Guarantee
{
    /// <summary>Envoy's admin interface listens on a loopback address only.</summary>
    AdminOnLoopback,

    /// <summary>There is at least one listener and every filter chain of every listener terminates TLS.</summary>
    NoPlaintextListener,

    /// <summary>Every downstream TLS context sets its minimum protocol version to TLSv1_3.</summary>
    TlsMinimumVersion13,

    /// <summary>Every downstream TLS context sets its maximum protocol version to TLSv1_3.</summary>
    TlsMaximumVersion13,

    /// <summary>Every downstream TLS context requires a client certificate.</summary>
    ClientCertificateRequired,

    /// <summary>Client certificates are validated against a trusted CA bundle.</summary>
    ClientCertificateValidated,

    /// <summary>ALPN offers h2 and http/1.1.</summary>
    AlpnH2AndHttp11,

    /// <summary>HTTP filters are exactly: local rate limit, ext_authz, ext_proc, router.</summary>
    FilterOrder,

    /// <summary>Every local rate limit (filter and per-route) is enabled for 100% of requests.</summary>
    RateLimitEnabled,

    /// <summary>Every local rate limit (filter and per-route) is enforced for 100% of requests.</summary>
    RateLimitEnforced,

    /// <summary>Every local rate limit carries a token bucket with tokens and a fill interval.</summary>
    RateLimitTokenBucket,

    /// <summary>Every local rate limit sends x-ratelimit-* headers (DRAFT_VERSION_03).</summary>
    RateLimitHeaders,

    /// <summary>At least one route or virtual host overrides the local rate limit.</summary>
    RateLimitPerRouteOverride,

    /// <summary>ext_authz states <c>failure_mode_allow: false</c>.</summary>
    ExtAuthzFailClosed,

    /// <summary>ext_authz speaks gRPC to a cluster whose every endpoint is a Unix socket.</summary>
    ExtAuthzOverUnixSocket,

    /// <summary>ext_authz passes the client certificate to PhiGate.</summary>
    ExtAuthzPeerCertificate,

    /// <summary>ext_authz forwards the request body up to a limit (1 byte to 1 MiB).</summary>
    ExtAuthzRequestBodyLimit,

    /// <summary>ext_authz's gRPC call has a timeout above zero and at most 5 s.</summary>
    ExtAuthzTimeout,

    /// <summary>ext_proc states <c>failure_mode_allow: false</c> and no route turns it on.</summary>
    ExtProcFailClosed,

    /// <summary>ext_proc uses the same PhiGate cluster as ext_authz.</summary>
    ExtProcSameSocket,

    /// <summary>ext_proc receives response bodies BUFFERED (whole, so they are redacted whole).</summary>
    ExtProcResponseBodyBuffered,

    /// <summary>ext_proc receives request and response headers (never SKIP).</summary>
    ExtProcHeadersSent,

    /// <summary>ext_proc allows PhiGate to override the processing mode.</summary>
    ExtProcModeOverride,

    /// <summary>ext_proc forwards the ext_authz metadata namespace (the redaction profile).</summary>
    ExtProcForwardsAuthzMetadata,

    /// <summary>ext_proc's per-message timeout is stated, from 0.5 s to 30 s.</summary>
    ExtProcMessageTimeout,

    /// <summary>
    /// Header changes PhiGate asks for are checked and a refused one is an error: ext_authz
    /// <c>validate_mutations</c> and <c>decoder_header_mutation_rules.disallow_is_error</c>, ext_proc
    /// <c>mutation_rules.disallow_is_error</c>.
    /// </summary>
    HeaderMutationsChecked,

    /// <summary>The Unix-socket cluster that PhiGate serves speaks HTTP/2.</summary>
    SidecarClusterHttp2,

    /// <summary>Nothing turns ext_authz or ext_proc off: no disabled flag, partial enablement or observability mode.</summary>
    FiltersAlwaysOn,

    /// <summary>Responses carry strict-transport-security with max-age of a year or more and includeSubDomains.</summary>
    Hsts,

    /// <summary>A cluster without TLS reaches only loopback addresses or Unix sockets.</summary>
    UpstreamPlaintextOnlyOnLoopback,

    /// <summary>Every upstream TLS context sets minimum and maximum protocol version to TLSv1_3.</summary>
    UpstreamTls13,

    /// <summary>Every upstream TLS context validates the server against a trusted CA.</summary>
    UpstreamPeerValidated,

    /// <summary>Every upstream TLS context presents a client certificate (mutual TLS).</summary>
    UpstreamMutualTls,

    /// <summary>Every cluster has circuit-breaker thresholds.</summary>
    CircuitBreakers,

    /// <summary>Every cluster that reaches network endpoints has outlier detection.</summary>
    OutlierDetection,

    /// <summary>Access logs have an explicit format that records no path, query, authority or header values.</summary>
    AccessLogWithoutPhi,
}
