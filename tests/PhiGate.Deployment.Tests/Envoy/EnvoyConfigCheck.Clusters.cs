using YamlDotNet.RepresentationModel;
using static PhiGate.Deployment.Tests.Envoy.EnvoyYaml;

namespace PhiGate.Deployment.Tests.Envoy;

internal sealed partial class EnvoyConfigCheck
{
    private void CheckClusters()
    {
        foreach (var cluster in Clusters)
        {
            var name = Scalar(cluster, "name") ?? "(unnamed)";
            if (Mappings(Mapping(cluster, "circuit_breakers"), "thresholds").FirstOrDefault() is null)
            {
                Report(Guarantee.CircuitBreakers, $"cluster '{name}' has no circuit_breakers thresholds");
            }

            if (_sidecarClusters.Contains(name))
            {
                CheckSidecarCluster(name, cluster);
                continue;
            }

            if (IsUnixSocketCluster(cluster))
            {
                continue;
            }

            if (Mapping(cluster, "outlier_detection") is null)
            {
                Report(Guarantee.OutlierDetection, $"cluster '{name}' has no outlier_detection");
            }

            CheckUpstreamTransport(name, cluster);
        }
    }

    private void CheckSidecarCluster(string name, YamlMappingNode cluster)
    {
        var options = Mapping(Mapping(cluster, "typed_extension_protocol_options"), "envoy.extensions.upstreams.http.v3.HttpProtocolOptions");
        var http2 = Mapping(Mapping(options, "explicit_http_config"), "http2_protocol_options") ?? Mapping(cluster, "http2_protocol_options");
        if (http2 is null)
        {
            Report(Guarantee.SidecarClusterHttp2, $"cluster '{name}' (PhiGate's socket) does not speak HTTP/2 (explicit_http_config.http2_protocol_options)");
        }
    }

    private void CheckUpstreamTransport(string name, YamlMappingNode cluster)
    {
        var socket = Mapping(cluster, "transport_socket");
        var tls = Mapping(socket, "typed_config");
        if (TypeName(tls) != "envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext")
        {
            var remote = EndpointAddresses(cluster)
                .Where(address => Mapping(address, "pipe") is null)
                .Select(address => Scalar(Mapping(address, "socket_address"), "address"))
                .Where(address => !IsLoopback(address))
                .ToList();
            if (remote.Count > 0 || Scalar(cluster, "type") is "STRICT_DNS" or "LOGICAL_DNS" or "EDS" or "ORIGINAL_DST")
            {
                Report(Guarantee.UpstreamPlaintextOnlyOnLoopback, $"cluster '{name}' sends plaintext to non-loopback endpoints [{string.Join(", ", remote)}]");
            }

            return;
        }

        var common = Mapping(tls, "common_tls_context");
        var parameters = Mapping(common, "tls_params");
        if (Scalar(parameters, "tls_minimum_protocol_version") != "TLSv1_3" || Scalar(parameters, "tls_maximum_protocol_version") != "TLSv1_3")
        {
            Report(Guarantee.UpstreamTls13, $"cluster '{name}': upstream TLS must set minimum and maximum to TLSv1_3 (a client's maximum defaults to TLS 1.2)");
        }

        if (!ValidatesAgainstCa(common))
        {
            Report(Guarantee.UpstreamPeerValidated, $"cluster '{name}': upstream TLS has no trusted_ca, so any server certificate is accepted");
        }

        if (Mappings(common, "tls_certificates").FirstOrDefault() is null && Child(common, "tls_certificate_sds_secret_configs") is null)
        {
            Report(Guarantee.UpstreamMutualTls, $"cluster '{name}': upstream TLS presents no client certificate");
        }
    }
}
