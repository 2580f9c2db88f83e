{{/*
Envoy's bootstrap for the pod. It has the shape of envoy/envoy.yaml and keeps every guarantee that
file's configuration check asserts (the chart tests run the same check on the rendered output).
*/}}
{{- define "phigate.rateLimitBucket" -}}
token_bucket:
  max_tokens: {{ .maxTokens | int }}
  tokens_per_fill: {{ .tokensPerFill | int }}
  fill_interval: {{ .fillInterval }}
filter_enabled:
  default_value: { numerator: 100, denominator: HUNDRED }
filter_enforced:
  default_value: { numerator: 100, denominator: HUNDRED }
enable_x_ratelimit_headers: DRAFT_VERSION_03
response_headers_to_add:
- header: { key: x-local-rate-limit, value: "true" }
  append_action: OVERWRITE_IF_EXISTS_OR_ADD
{{- end }}

{{- define "phigate.envoyConfig" -}}
node:
  id: {{ include "phigate.fullname" . }}
  cluster: {{ include "phigate.fullname" . }}
admin:
  address:
    socket_address: { address: 127.0.0.1, port_value: {{ .Values.envoy.adminPort | int }} }
static_resources:
  listeners:
  - name: https
    address:
      # The pod's own address: the Service and the NetworkPolicy decide who reaches it.
      socket_address: { address: 0.0.0.0, port_value: {{ .Values.listener.port | int }} }
    per_connection_buffer_limit_bytes: {{ .Values.listener.bufferLimitBytes | int }}
    filter_chains:
    - transport_socket:
        name: envoy.transport_sockets.tls
        typed_config:
          "@type": type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext
          require_client_certificate: true
          common_tls_context:
            tls_params:
              tls_minimum_protocol_version: TLSv1_3
              tls_maximum_protocol_version: TLSv1_3
            alpn_protocols: [ h2, http/1.1 ]
            tls_certificates:
            - certificate_chain: { filename: /etc/envoy/listener/tls.crt }
              private_key: { filename: /etc/envoy/listener/tls.key }
            validation_context:
              trusted_ca: { filename: /etc/envoy/client-ca/{{ .Values.listener.clientCaKey }} }
      filters:
      - name: envoy.filters.network.http_connection_manager
        typed_config:
          "@type": type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager
          stat_prefix: phi_ingress
          codec_type: AUTO
          use_remote_address: true
          generate_request_id: true
          preserve_external_request_id: false
          forward_client_cert_details: SANITIZE_SET
          set_current_client_cert_details: { uri: true, dns: true }
          normalize_path: true
          merge_slashes: true
          path_with_escaped_slashes_action: REJECT_REQUEST
          server_header_transformation: PASS_THROUGH
          request_headers_timeout: 10s
          request_timeout: 60s
          stream_idle_timeout: 30s
          common_http_protocol_options:
            idle_timeout: 300s
            headers_with_underscores_action: REJECT_REQUEST
          http2_protocol_options:
            max_concurrent_streams: 100
            initial_stream_window_size: 65536
            initial_connection_window_size: 1048576
          access_log:
          - name: envoy.access_loggers.stdout
            typed_config:
              "@type": type.googleapis.com/envoy.extensions.access_loggers.stream.v3.StdoutAccessLog
              log_format:
                json_format:
                  time: "%START_TIME%"
                  request_id: "%REQ(X-REQUEST-ID)%"
                  method: "%REQ(:METHOD)%"
                  route: "%ROUTE_NAME%"
                  status: "%RESPONSE_CODE%"
                  details: "%RESPONSE_CODE_DETAILS%"
                  flags: "%RESPONSE_FLAGS%"
                  duration_ms: "%DURATION%"
                  bytes_in: "%BYTES_RECEIVED%"
                  bytes_out: "%BYTES_SENT%"
                  upstream: "%UPSTREAM_CLUSTER%"
                  tls: "%DOWNSTREAM_TLS_VERSION%"
          route_config:
            name: phi_routes
            response_headers_to_add:
            - header: { key: strict-transport-security, value: "max-age={{ .Values.hsts.maxAgeSeconds | int }}; includeSubDomains" }
              append_action: OVERWRITE_IF_EXISTS_OR_ADD
            virtual_hosts:
            - name: app
              domains: [ "*" ]
              routes:
              {{- range .Values.routes }}
              {{- $route := . }}
              - name: {{ .name }}
                match: { prefix: {{ .prefix | quote }} }
                route: { cluster: app, timeout: {{ .timeout }}, idle_timeout: {{ .timeout }} }
                typed_per_filter_config:
                  {{- with .rateLimit }}
                  envoy.filters.http.local_ratelimit:
                    "@type": type.googleapis.com/envoy.extensions.filters.http.local_ratelimit.v3.LocalRateLimit
                    stat_prefix: rl_{{ $route.name }}
                    {{- include "phigate.rateLimitBucket" . | nindent 20 }}
                  {{- end }}
                  envoy.filters.http.ext_authz:
                    "@type": type.googleapis.com/envoy.extensions.filters.http.ext_authz.v3.ExtAuthzPerRoute
                    check_settings:
                      context_extensions: { phigate.route: {{ .name | quote }} }
              {{- end }}
              - name: default
                match: { prefix: "/" }
                route: { cluster: app, timeout: 30s }
          http_filters:
          - name: envoy.filters.http.local_ratelimit
            typed_config:
              "@type": type.googleapis.com/envoy.extensions.filters.http.local_ratelimit.v3.LocalRateLimit
              stat_prefix: rl
              local_rate_limit_per_downstream_connection: false
              rate_limited_as_resource_exhausted: true
              {{- include "phigate.rateLimitBucket" .Values.rateLimit | nindent 14 }}
          - name: envoy.filters.http.ext_authz
            typed_config:
              "@type": type.googleapis.com/envoy.extensions.filters.http.ext_authz.v3.ExtAuthz
              transport_api_version: V3
              grpc_service:
                envoy_grpc: { cluster_name: phigate }
                timeout: {{ .Values.extAuthz.timeout }}
              failure_mode_allow: false
              status_on_error: { code: ServiceUnavailable }
              include_peer_certificate: true
              include_tls_session: true
              with_request_body:
                max_request_bytes: {{ .Values.extAuthz.maxRequestBytes | int }}
                allow_partial_message: true
                pack_as_bytes: true
              decoder_header_mutation_rules:
                disallow_is_error: true
              validate_mutations: true
          - name: envoy.filters.http.ext_proc
            typed_config:
              "@type": type.googleapis.com/envoy.extensions.filters.http.ext_proc.v3.ExternalProcessor
              grpc_service:
                envoy_grpc: { cluster_name: phigate }
              failure_mode_allow: false
              processing_mode:
                request_header_mode: SEND
                request_body_mode: NONE
                request_trailer_mode: SKIP
                response_header_mode: SEND
                response_body_mode: BUFFERED
                response_trailer_mode: SKIP
              allow_mode_override: true
              message_timeout: {{ .Values.extProc.messageTimeout }}
              max_message_timeout: {{ .Values.extProc.maxMessageTimeout }}
              metadata_options:
                forwarding_namespaces:
                  untyped: [ envoy.filters.http.ext_authz ]
              mutation_rules:
                disallow_is_error: true
          - name: envoy.filters.http.router
            typed_config:
              "@type": type.googleapis.com/envoy.extensions.filters.http.router.v3.Router
              suppress_envoy_headers: true
  clusters:
  - name: phigate
    type: STATIC
    connect_timeout: 0.25s
    typed_extension_protocol_options:
      envoy.extensions.upstreams.http.v3.HttpProtocolOptions:
        "@type": type.googleapis.com/envoy.extensions.upstreams.http.v3.HttpProtocolOptions
        explicit_http_config:
          http2_protocol_options:
            max_concurrent_streams: 1000
    circuit_breakers:
      thresholds:
      - priority: DEFAULT
        max_connections: 64
        max_pending_requests: 1024
        max_requests: 4096
        max_retries: 0
    load_assignment:
      cluster_name: phigate
      endpoints:
      - lb_endpoints:
        - endpoint:
            address:
              pipe: { path: {{ include "phigate.socketPath" . }} }
  - name: app
    {{- if eq .Values.mode "sidecar" }}
    type: STATIC
    {{- else }}
    type: STRICT_DNS
    dns_lookup_family: V4_PREFERRED
    {{- end }}
    connect_timeout: 1s
    per_connection_buffer_limit_bytes: {{ .Values.listener.bufferLimitBytes | int }}
    {{- if eq .Values.mode "gateway" }}
    {{- $san := default .Values.upstream.host .Values.upstream.tls.subjectAltName }}
    transport_socket:
      name: envoy.transport_sockets.tls
      typed_config:
        "@type": type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext
        sni: {{ .Values.upstream.host }}
        common_tls_context:
          tls_params:
            tls_minimum_protocol_version: TLSv1_3
            tls_maximum_protocol_version: TLSv1_3
          alpn_protocols: [ http/1.1 ]
          tls_certificates:
          - certificate_chain: { filename: /etc/envoy/upstream-client/tls.crt }
            private_key: { filename: /etc/envoy/upstream-client/tls.key }
          validation_context:
            trusted_ca: { filename: /etc/envoy/upstream-ca/{{ .Values.upstream.tls.caKey }} }
            match_typed_subject_alt_names:
            - san_type: DNS
              matcher: { exact: {{ $san }} }
    {{- end }}
    typed_extension_protocol_options:
      envoy.extensions.upstreams.http.v3.HttpProtocolOptions:
        "@type": type.googleapis.com/envoy.extensions.upstreams.http.v3.HttpProtocolOptions
        common_http_protocol_options:
          idle_timeout: 60s
        explicit_http_config:
          http_protocol_options: {}
    circuit_breakers:
      thresholds:
      - priority: DEFAULT
        max_connections: 1024
        max_pending_requests: 1024
        max_requests: 1024
        max_retries: 3
    outlier_detection:
      consecutive_5xx: 5
      consecutive_gateway_failure: 5
      interval: 10s
      base_ejection_time: 30s
      max_ejection_percent: 50
    load_assignment:
      cluster_name: app
      endpoints:
      - lb_endpoints:
        - endpoint:
            address:
              {{- if eq .Values.mode "sidecar" }}
              socket_address: { address: 127.0.0.1, port_value: {{ .Values.app.port | int }} }
              {{- else }}
              socket_address: { address: {{ .Values.upstream.host }}, port_value: {{ .Values.upstream.port | int }} }
              {{- end }}
{{- end }}
