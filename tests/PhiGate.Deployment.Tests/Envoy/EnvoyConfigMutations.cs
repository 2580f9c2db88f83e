using PhiGate.Deployment.Tests.Yaml;
using YamlDotNet.RepresentationModel;
using static PhiGate.Deployment.Tests.Envoy.EnvoyConfigMutation;

namespace PhiGate.Deployment.Tests.Envoy;

/// <summary>Every single-guarantee break the configuration check must catch, one per case.</summary>
internal static class EnvoyConfigMutations
{
    private const string Listener = "static_resources/listeners[name=https]";
    private const string Tls = Listener + "/filter_chains[0]/transport_socket/typed_config";
    private const string TlsParams = Tls + "/common_tls_context/tls_params";
    private const string Manager = Listener + "/filter_chains[0]/filters[name=envoy.filters.network.http_connection_manager]/typed_config";
    private const string Filters = Manager + "/http_filters";
    private const string RateLimit = Filters + "[name=envoy.filters.http.local_ratelimit]/typed_config";
    private const string Authz = Filters + "[name=envoy.filters.http.ext_authz]";
    private const string Proc = Filters + "[name=envoy.filters.http.ext_proc]";
    private const string Routes = Manager + "/route_config/virtual_hosts[name=app]/routes";
    private const string ExportRateLimit = Routes + "[name=fhir_bulk_export]/typed_per_filter_config/envoy.filters.http.local_ratelimit";
    private const string FhirPerFilter = Routes + "[name=fhir]/typed_per_filter_config";
    private const string AccessLogFormat = Manager + "/access_log[0]/typed_config/log_format";
    private const string App = "static_resources/clusters[name=app]";
    private const string AppEndpoint = App + "/load_assignment/endpoints[0]/lb_endpoints[0]/endpoint/address";
    private const string PhiGate = "static_resources/clusters[name=phigate]";
    private const string UpstreamTls = App + "/transport_socket/typed_config/common_tls_context";

    private const string PlaintextListener = """
        name: plaintext
        address: { socket_address: { address: 127.0.0.1, port_value: 8080 } }
        filter_chains:
        - filters:
          - name: envoy.filters.network.tcp_proxy
            typed_config:
              "@type": type.googleapis.com/envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy
              stat_prefix: raw
              cluster: app
        """;

    public static IEnumerable<EnvoyConfigMutation> All =>
    [
        Set("Admin_OnAllInterfaces", Guarantee.AdminOnLoopback, "admin/address/socket_address/address", "0.0.0.0"),

        Remove("Listener_TlsRemoved", Guarantee.NoPlaintextListener, Listener + "/filter_chains[0]/transport_socket"),
        Edit("Listener_PlaintextListenerAdded", Guarantee.NoPlaintextListener,
            root => YamlPath.GetSequence(root, "static_resources/listeners").Add(YamlPath.Node(PlaintextListener))),
        Set("Tls_MinimumIs12", Guarantee.TlsMinimumVersion13, TlsParams + "/tls_minimum_protocol_version", "TLSv1_2"),
        Remove("Tls_MinimumRemoved", Guarantee.TlsMinimumVersion13, TlsParams + "/tls_minimum_protocol_version"),
        Set("Tls_MaximumIs12", Guarantee.TlsMaximumVersion13, TlsParams + "/tls_maximum_protocol_version", "TLSv1_2"),
        Remove("Tls_MaximumRemoved", Guarantee.TlsMaximumVersion13, TlsParams + "/tls_maximum_protocol_version"),
        Set("ClientCertificate_NotRequired", Guarantee.ClientCertificateRequired, Tls + "/require_client_certificate", "false"),
        Remove("ClientCertificate_RequirementRemoved", Guarantee.ClientCertificateRequired, Tls + "/require_client_certificate"),
        Remove("ClientCertificate_TrustedCaRemoved", Guarantee.ClientCertificateValidated, Tls + "/common_tls_context/validation_context"),
        Set("Alpn_H2Removed", Guarantee.AlpnH2AndHttp11, Tls + "/common_tls_context/alpn_protocols", "[ http/1.1 ]"),
        Set("Alpn_Http11Removed", Guarantee.AlpnH2AndHttp11, Tls + "/common_tls_context/alpn_protocols", "[ h2 ]"),

        Edit("Filters_ExtProcBeforeExtAuthz", Guarantee.FilterOrder, root => Swap(YamlPath.GetSequence(root, Filters), 1, 2)),
        Edit("Filters_RateLimitAfterExtAuthz", Guarantee.FilterOrder, root => Swap(YamlPath.GetSequence(root, Filters), 0, 1)),
        Edit("Filters_RouterNotLast", Guarantee.FilterOrder, root => Swap(YamlPath.GetSequence(root, Filters), 2, 3)),
        Remove("Filters_RateLimitRemoved", Guarantee.FilterOrder, Filters + "[name=envoy.filters.http.local_ratelimit]"),
        Remove("Filters_ExtAuthzRemoved", Guarantee.FilterOrder, Filters + "[name=envoy.filters.http.ext_authz]"),
        Remove("Filters_ExtProcRemoved", Guarantee.FilterOrder, Filters + "[name=envoy.filters.http.ext_proc]"),

        Remove("RateLimit_EnabledRemoved", Guarantee.RateLimitEnabled, RateLimit + "/filter_enabled"),
        Set("RateLimit_EnabledForHalf", Guarantee.RateLimitEnabled, RateLimit + "/filter_enabled/default_value/numerator", "50"),
        Remove("RateLimit_EnforcedRemoved", Guarantee.RateLimitEnforced, RateLimit + "/filter_enforced"),
        Set("RateLimit_EnforcedForNone", Guarantee.RateLimitEnforced, RateLimit + "/filter_enforced/default_value/numerator", "0"),
        Set("RateLimit_EnforcedPerMillionTooLow", Guarantee.RateLimitEnforced, RateLimit + "/filter_enforced/default_value/denominator", "MILLION"),
        Remove("RateLimit_TokenBucketRemoved", Guarantee.RateLimitTokenBucket, RateLimit + "/token_bucket"),
        Set("RateLimit_NoTokens", Guarantee.RateLimitTokenBucket, RateLimit + "/token_bucket/max_tokens", "0"),
        Remove("RateLimit_HeadersRemoved", Guarantee.RateLimitHeaders, RateLimit + "/enable_x_ratelimit_headers"),
        Remove("RateLimit_RouteEnabledRemoved", Guarantee.RateLimitEnabled, ExportRateLimit + "/filter_enabled"),
        Remove("RateLimit_RouteEnforcedRemoved", Guarantee.RateLimitEnforced, ExportRateLimit + "/filter_enforced"),
        Remove("RateLimit_RouteTokenBucketRemoved", Guarantee.RateLimitTokenBucket, ExportRateLimit + "/token_bucket"),
        Remove("RateLimit_RouteHeadersRemoved", Guarantee.RateLimitHeaders, ExportRateLimit + "/enable_x_ratelimit_headers"),
        Remove("RateLimit_RouteOverrideRemoved", Guarantee.RateLimitPerRouteOverride, ExportRateLimit),

        Set("ExtAuthz_FailOpen", Guarantee.ExtAuthzFailClosed, Authz + "/typed_config/failure_mode_allow", "true"),
        Remove("ExtAuthz_FailureModeUnstated", Guarantee.ExtAuthzFailClosed, Authz + "/typed_config/failure_mode_allow"),
        Set("ExtAuthz_PeerCertificateOff", Guarantee.ExtAuthzPeerCertificate, Authz + "/typed_config/include_peer_certificate", "false"),
        Remove("ExtAuthz_PeerCertificateRemoved", Guarantee.ExtAuthzPeerCertificate, Authz + "/typed_config/include_peer_certificate"),
        Remove("ExtAuthz_BodyNotForwarded", Guarantee.ExtAuthzRequestBodyLimit, Authz + "/typed_config/with_request_body"),
        Set("ExtAuthz_BodyLimitHuge", Guarantee.ExtAuthzRequestBodyLimit, Authz + "/typed_config/with_request_body/max_request_bytes", "104857600"),
        Remove("ExtAuthz_TimeoutRemoved", Guarantee.ExtAuthzTimeout, Authz + "/typed_config/grpc_service/timeout"),
        Set("ExtAuthz_TimeoutTooLong", Guarantee.ExtAuthzTimeout, Authz + "/typed_config/grpc_service/timeout", "30s"),
        Set("ExtAuthz_SocketBecomesTcp", Guarantee.ExtAuthzOverUnixSocket,
            PhiGate + "/load_assignment/endpoints[0]/lb_endpoints[0]/endpoint/address",
            "{ socket_address: { address: 127.0.0.1, port_value: 9191 } }"),

        Set("ExtProc_FailOpen", Guarantee.ExtProcFailClosed, Proc + "/typed_config/failure_mode_allow", "true"),
        Remove("ExtProc_FailureModeUnstated", Guarantee.ExtProcFailClosed, Proc + "/typed_config/failure_mode_allow"),
        Set("ExtProc_RouteFailsOpen", Guarantee.ExtProcFailClosed, FhirPerFilter + "/envoy.filters.http.ext_proc",
            "{ '@type': type.googleapis.com/envoy.extensions.filters.http.ext_proc.v3.ExtProcPerRoute, overrides: { failure_mode_allow: true } }"),
        Set("ExtProc_OtherCluster", Guarantee.ExtProcSameSocket, Proc + "/typed_config/grpc_service/envoy_grpc/cluster_name", "app"),
        Set("ExtProc_ResponseBodyStreamed", Guarantee.ExtProcResponseBodyBuffered, Proc + "/typed_config/processing_mode/response_body_mode", "STREAMED"),
        Remove("ExtProc_ResponseBodyModeRemoved", Guarantee.ExtProcResponseBodyBuffered, Proc + "/typed_config/processing_mode/response_body_mode"),
        Set("ExtProc_RequestHeadersSkipped", Guarantee.ExtProcHeadersSent, Proc + "/typed_config/processing_mode/request_header_mode", "SKIP"),
        Set("ExtProc_ResponseHeadersSkipped", Guarantee.ExtProcHeadersSent, Proc + "/typed_config/processing_mode/response_header_mode", "SKIP"),
        Set("ExtProc_ModeOverrideOff", Guarantee.ExtProcModeOverride, Proc + "/typed_config/allow_mode_override", "false"),
        Remove("ExtProc_MetadataNotForwarded", Guarantee.ExtProcForwardsAuthzMetadata, Proc + "/typed_config/metadata_options"),
        Set("ExtProc_WrongNamespaceForwarded", Guarantee.ExtProcForwardsAuthzMetadata,
            Proc + "/typed_config/metadata_options/forwarding_namespaces/untyped", "[ envoy.filters.http.jwt_authn ]"),
        Remove("ExtProc_MessageTimeoutDefault", Guarantee.ExtProcMessageTimeout, Proc + "/typed_config/message_timeout"),
        Set("ExtProc_MessageTimeoutTooShort", Guarantee.ExtProcMessageTimeout, Proc + "/typed_config/message_timeout", "0.2s"),
        Set("Mutations_ExtAuthzNotValidated", Guarantee.HeaderMutationsChecked, Authz + "/typed_config/validate_mutations", "false"),
        Remove("Mutations_ExtAuthzRulesRemoved", Guarantee.HeaderMutationsChecked, Authz + "/typed_config/decoder_header_mutation_rules"),
        Remove("Mutations_ExtProcRulesRemoved", Guarantee.HeaderMutationsChecked, Proc + "/typed_config/mutation_rules"),
        Remove("Sidecar_Http2Removed", Guarantee.SidecarClusterHttp2, PhiGate + "/typed_extension_protocol_options"),

        Set("AlwaysOn_ExtAuthzFilterDisabled", Guarantee.FiltersAlwaysOn, Authz + "/disabled", "true"),
        Set("AlwaysOn_ExtProcFilterDisabled", Guarantee.FiltersAlwaysOn, Proc + "/disabled", "true"),
        Set("AlwaysOn_ExtAuthzHalfEnabled", Guarantee.FiltersAlwaysOn, Authz + "/typed_config/filter_enabled",
            "{ default_value: { numerator: 50, denominator: HUNDRED } }"),
        Set("AlwaysOn_ExtProcObservabilityMode", Guarantee.FiltersAlwaysOn, Proc + "/typed_config/observability_mode", "true"),
        Set("AlwaysOn_ExtAuthzDisabledOnRoute", Guarantee.FiltersAlwaysOn, FhirPerFilter + "/envoy.filters.http.ext_authz",
            "{ '@type': type.googleapis.com/envoy.extensions.filters.http.ext_authz.v3.ExtAuthzPerRoute, disabled: true }"),
        Set("AlwaysOn_ExtProcDisabledOnRoute", Guarantee.FiltersAlwaysOn, FhirPerFilter + "/envoy.filters.http.ext_proc",
            "{ '@type': type.googleapis.com/envoy.extensions.filters.http.ext_proc.v3.ExtProcPerRoute, disabled: true }"),

        Remove("Hsts_Removed", Guarantee.Hsts, Manager + "/route_config/response_headers_to_add"),
        Set("Hsts_ShortMaxAge", Guarantee.Hsts, Manager + "/route_config/response_headers_to_add[0]/header/value", "max-age=300; includeSubDomains"),
        Set("Hsts_WithoutSubdomains", Guarantee.Hsts, Manager + "/route_config/response_headers_to_add[0]/header/value", "max-age=63072000"),

        Set("Upstream_AppOffLoopbackInPlaintext", Guarantee.UpstreamPlaintextOnlyOnLoopback, AppEndpoint + "/socket_address/address", "192.0.2.10"),
        Remove("Upstream_AppCircuitBreakersRemoved", Guarantee.CircuitBreakers, App + "/circuit_breakers"),
        Remove("Upstream_PhiGateCircuitBreakersRemoved", Guarantee.CircuitBreakers, PhiGate + "/circuit_breakers"),
        Remove("Upstream_OutlierDetectionRemoved", Guarantee.OutlierDetection, App + "/outlier_detection"),

        Set("AccessLog_PathRecorded", Guarantee.AccessLogWithoutPhi, AccessLogFormat + "/json_format/path", "'%REQ(:PATH)%'"),
        Set("AccessLog_AuthorizationRecorded", Guarantee.AccessLogWithoutPhi, AccessLogFormat + "/json_format/token", "'%REQ(AUTHORIZATION)%'"),
        Set("AccessLog_AlternativeHeaderRecorded", Guarantee.AccessLogWithoutPhi, AccessLogFormat + "/json_format/origin", "'%REQ(X-REQUEST-ID?X-PATIENT-ID)%'"),
        Set("AccessLog_AuthzMetadataRecorded", Guarantee.AccessLogWithoutPhi, AccessLogFormat + "/json_format/decision", "'%DYNAMIC_METADATA(envoy.filters.http.ext_authz)%'"),
        Remove("AccessLog_DefaultFormat", Guarantee.AccessLogWithoutPhi, AccessLogFormat),

        Remove("Mtls_MaximumRemoved", Guarantee.UpstreamTls13, UpstreamTls + "/tls_params/tls_maximum_protocol_version", mtls: true),
        Set("Mtls_MinimumIs12", Guarantee.UpstreamTls13, UpstreamTls + "/tls_params/tls_minimum_protocol_version", "TLSv1_2", mtls: true),
        Remove("Mtls_TrustedCaRemoved", Guarantee.UpstreamPeerValidated, UpstreamTls + "/validation_context", mtls: true),
        Remove("Mtls_ClientCertificateRemoved", Guarantee.UpstreamMutualTls, UpstreamTls + "/tls_certificates", mtls: true),
        Remove("Mtls_TlsRemoved", Guarantee.UpstreamPlaintextOnlyOnLoopback, App + "/transport_socket", mtls: true),
        Remove("Mtls_OutlierDetectionRemoved", Guarantee.OutlierDetection, App + "/outlier_detection", mtls: true),
    ];

    private static void Swap(YamlSequenceNode sequence, int first, int second) =>
        (sequence.Children[first], sequence.Children[second]) = (sequence.Children[second], sequence.Children[first]);
}
