using YamlDotNet.RepresentationModel;
using static PhiGate.Deployment.Tests.Envoy.EnvoyYaml;

namespace PhiGate.Deployment.Tests.Envoy;

internal sealed partial class EnvoyConfigCheck
{
    private void CheckListeners()
    {
        var listeners = Mappings(Mapping(_root, "static_resources"), "listeners").ToList();
        if (listeners.Count == 0)
        {
            Report(Guarantee.NoPlaintextListener, "no listener: the HTTPS listener is missing");
        }

        foreach (var listener in listeners)
        {
            var name = Scalar(listener, "name") ?? "(unnamed)";
            var chains = Mappings(listener, "filter_chains").ToList();
            if (Mapping(listener, "default_filter_chain") is { } fallback)
            {
                chains.Add(fallback);
            }

            if (chains.Count == 0)
            {
                Report(Guarantee.NoPlaintextListener, $"listener '{name}' has no filter chain");
            }

            foreach (var chain in chains)
            {
                CheckDownstreamTls(name, chain);
                foreach (var manager in Mappings(chain, "filters").Where(f => Scalar(f, "name") == HttpConnectionManager))
                {
                    CheckConnectionManager(name, Mapping(manager, "typed_config"));
                }
            }

            CheckAccessLogs($"listener '{name}'", listener);
        }
    }

    private void CheckDownstreamTls(string listener, YamlMappingNode chain)
    {
        var socket = Mapping(chain, "transport_socket");
        var tls = Mapping(socket, "typed_config");
        if (Scalar(socket, "name") != "envoy.transport_sockets.tls" || TypeName(tls) != "envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext")
        {
            Report(Guarantee.NoPlaintextListener, $"listener '{listener}' has a filter chain without a DownstreamTlsContext");
            return;
        }

        var common = Mapping(tls, "common_tls_context");
        var parameters = Mapping(common, "tls_params");
        if (Scalar(parameters, "tls_minimum_protocol_version") != "TLSv1_3")
        {
            Report(Guarantee.TlsMinimumVersion13, $"listener '{listener}': tls_minimum_protocol_version is '{Scalar(parameters, "tls_minimum_protocol_version")}', not TLSv1_3");
        }

        if (Scalar(parameters, "tls_maximum_protocol_version") != "TLSv1_3")
        {
            Report(Guarantee.TlsMaximumVersion13, $"listener '{listener}': tls_maximum_protocol_version is '{Scalar(parameters, "tls_maximum_protocol_version")}', not TLSv1_3");
        }

        if (!IsTrue(tls, "require_client_certificate"))
        {
            Report(Guarantee.ClientCertificateRequired, $"listener '{listener}': require_client_certificate is not true");
        }

        if (!ValidatesAgainstCa(common))
        {
            Report(Guarantee.ClientCertificateValidated, $"listener '{listener}': no trusted_ca to validate client certificates");
        }

        var alpn = Items(common, "alpn_protocols").OfType<YamlScalarNode>().Select(p => p.Value).ToList();
        if (!alpn.Contains("h2") || !alpn.Contains("http/1.1"))
        {
            Report(Guarantee.AlpnH2AndHttp11, $"listener '{listener}': alpn_protocols is [{string.Join(", ", alpn)}], needs h2 and http/1.1");
        }
    }

    /// <summary>A CA bundle from a file, inline data, or SDS.</summary>
    private static bool ValidatesAgainstCa(YamlNode? common)
    {
        if (Mapping(common, "validation_context_sds_secret_config") is not null)
        {
            return true;
        }

        var combined = Mapping(common, "combined_validation_context");
        if (Mapping(combined, "validation_context_sds_secret_config") is not null)
        {
            return true;
        }

        var context = Mapping(common, "validation_context") ?? Mapping(combined, "default_validation_context");
        var trusted = Mapping(context, "trusted_ca");
        return !string.IsNullOrWhiteSpace(Scalar(trusted, "filename")) ||
               !string.IsNullOrWhiteSpace(Scalar(trusted, "inline_string")) ||
               !string.IsNullOrWhiteSpace(Scalar(trusted, "inline_bytes"));
    }
}
