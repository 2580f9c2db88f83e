using YamlDotNet.RepresentationModel;
using static PhiGate.Deployment.Tests.Envoy.EnvoyYaml;

namespace PhiGate.Deployment.Tests.Envoy;

internal sealed partial class EnvoyConfigCheck
{
    private static readonly TimeSpan MaxAuthzTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan MinMessageTimeout = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan MaxMessageTimeout = TimeSpan.FromSeconds(30);
    private const long MaxAuthzBodyBytes = 1024 * 1024;

    private void CheckConnectionManager(string listener, YamlMappingNode? manager)
    {
        var filters = Mappings(manager, "http_filters").ToList();
        var names = filters.Select(f => Scalar(f, "name") ?? "(unnamed)").ToList();
        if (!names.SequenceEqual(ExpectedFilters))
        {
            Report(Guarantee.FilterOrder, $"listener '{listener}': http_filters are [{string.Join(", ", names)}], expected [{string.Join(", ", ExpectedFilters)}]");
        }

        YamlMappingNode? Filter(string name) => filters.FirstOrDefault(f => Scalar(f, "name") == name);

        if (Filter(RateLimitFilter) is { } rateLimit)
        {
            CheckRateLimit($"listener '{listener}' filter", Mapping(rateLimit, "typed_config"));
        }

        var authz = Filter(ExtAuthzFilter);
        var authzCluster = authz is null ? null : CheckExtAuthz(listener, authz);
        if (Filter(ExtProcFilter) is { } proc)
        {
            CheckExtProc(listener, proc, authz is null ? null : authzCluster ?? string.Empty);
        }

        CheckRoutes(listener, manager);
        CheckAccessLogs($"listener '{listener}' http_connection_manager", manager);
    }

    private void CheckRateLimit(string where, YamlNode? config)
    {
        if (!IsHundredPercent(Child(config, "filter_enabled"), whenAbsent: false))
        {
            Report(Guarantee.RateLimitEnabled, $"{where}: local rate limit filter_enabled is not 100% (Envoy's default is 0%)");
        }

        if (!IsHundredPercent(Child(config, "filter_enforced"), whenAbsent: false))
        {
            Report(Guarantee.RateLimitEnforced, $"{where}: local rate limit filter_enforced is not 100% (Envoy's default is 0%)");
        }

        var bucket = Mapping(config, "token_bucket");
        if ((Integer(bucket, "max_tokens") ?? 0) <= 0 || Duration(bucket, "fill_interval") is not { } interval || interval <= TimeSpan.Zero)
        {
            Report(Guarantee.RateLimitTokenBucket, $"{where}: local rate limit needs token_bucket with max_tokens > 0 and a fill_interval");
        }

        if (Scalar(config, "enable_x_ratelimit_headers") != "DRAFT_VERSION_03")
        {
            Report(Guarantee.RateLimitHeaders, $"{where}: enable_x_ratelimit_headers is not DRAFT_VERSION_03");
        }
    }

    /// <returns>The gRPC cluster ext_authz calls, if any.</returns>
    private string? CheckExtAuthz(string listener, YamlMappingNode filter)
    {
        var config = Mapping(filter, "typed_config");
        var where = $"listener '{listener}' ext_authz";
        CheckAlwaysOn(where, filter, config);
        if (!IsFalse(config, "failure_mode_allow"))
        {
            Report(Guarantee.ExtAuthzFailClosed, $"{where}: failure_mode_allow must be stated as false");
        }

        if (!IsTrue(config, "include_peer_certificate"))
        {
            Report(Guarantee.ExtAuthzPeerCertificate, $"{where}: include_peer_certificate is not true");
        }

        var bodyBytes = Integer(Mapping(config, "with_request_body"), "max_request_bytes") ?? 0;
        if (bodyBytes is <= 0 or > MaxAuthzBodyBytes)
        {
            Report(Guarantee.ExtAuthzRequestBodyLimit, $"{where}: with_request_body.max_request_bytes is {bodyBytes}, expected 1..{MaxAuthzBodyBytes}");
        }

        if (!IsTrue(config, "validate_mutations") || !IsTrue(Mapping(config, "decoder_header_mutation_rules"), "disallow_is_error"))
        {
            Report(Guarantee.HeaderMutationsChecked, $"{where}: validate_mutations and decoder_header_mutation_rules.disallow_is_error must be true");
        }

        var grpc = Mapping(config, "grpc_service");
        var timeout = Duration(grpc, "timeout");
        if (timeout is null || timeout <= TimeSpan.Zero || timeout > MaxAuthzTimeout)
        {
            Report(Guarantee.ExtAuthzTimeout, $"{where}: grpc_service.timeout is '{Scalar(grpc, "timeout")}', expected above 0s and at most {MaxAuthzTimeout.TotalSeconds}s");
        }

        var cluster = Scalar(Mapping(grpc, "envoy_grpc"), "cluster_name");
        if (!IsUnixSocketCluster(FindCluster(cluster)))
        {
            Report(Guarantee.ExtAuthzOverUnixSocket, $"{where}: grpc_service.envoy_grpc.cluster_name '{cluster}' is not a cluster of Unix socket endpoints");
        }

        // The cluster is PhiGate's whatever its endpoints are, so upstream rules do not apply to it.
        if (cluster is not null)
        {
            _sidecarClusters.Add(cluster);
        }

        return cluster;
    }

    /// <param name="authzCluster">ext_authz's cluster; null when ext_authz is missing (reported as filter order).</param>
    private void CheckExtProc(string listener, YamlMappingNode filter, string? authzCluster)
    {
        var config = Mapping(filter, "typed_config");
        var where = $"listener '{listener}' ext_proc";
        CheckAlwaysOn(where, filter, config);
        if (!IsFalse(config, "failure_mode_allow"))
        {
            Report(Guarantee.ExtProcFailClosed, $"{where}: failure_mode_allow must be stated as false");
        }

        var cluster = Scalar(Mapping(Mapping(config, "grpc_service"), "envoy_grpc"), "cluster_name");
        if (authzCluster is null)
        {
            if (!IsUnixSocketCluster(FindCluster(cluster)))
            {
                Report(Guarantee.ExtProcSameSocket, $"{where}: grpc cluster '{cluster}' is not a cluster of Unix socket endpoints");
            }

            if (cluster is not null)
            {
                _sidecarClusters.Add(cluster);
            }
        }
        else if (cluster is null || cluster != authzCluster)
        {
            Report(Guarantee.ExtProcSameSocket, $"{where}: grpc cluster '{cluster}' is not ext_authz's cluster '{authzCluster}'");
        }

        var mode = Mapping(config, "processing_mode");
        if (Scalar(mode, "response_body_mode") != "BUFFERED")
        {
            Report(Guarantee.ExtProcResponseBodyBuffered, $"{where}: processing_mode.response_body_mode is '{Scalar(mode, "response_body_mode")}', not BUFFERED");
        }

        if (Scalar(mode, "request_header_mode") == "SKIP" || Scalar(mode, "response_header_mode") == "SKIP")
        {
            Report(Guarantee.ExtProcHeadersSent, $"{where}: request or response headers are skipped");
        }

        if (!IsTrue(config, "allow_mode_override"))
        {
            Report(Guarantee.ExtProcModeOverride, $"{where}: allow_mode_override is not true");
        }

        var forwarded = Items(Mapping(Mapping(config, "metadata_options"), "forwarding_namespaces"), "untyped")
            .OfType<YamlScalarNode>().Select(n => n.Value);
        if (!forwarded.Contains(ExtAuthzFilter))
        {
            Report(Guarantee.ExtProcForwardsAuthzMetadata, $"{where}: metadata_options.forwarding_namespaces.untyped lacks {ExtAuthzFilter}, so the redaction profile never arrives");
        }

        if (!IsTrue(Mapping(config, "mutation_rules"), "disallow_is_error"))
        {
            Report(Guarantee.HeaderMutationsChecked, $"{where}: mutation_rules.disallow_is_error must be true, so a refused header change fails the request");
        }

        var timeout = Duration(config, "message_timeout");
        if (timeout is null || timeout < MinMessageTimeout || timeout > MaxMessageTimeout)
        {
            Report(Guarantee.ExtProcMessageTimeout, $"{where}: message_timeout is '{Scalar(config, "message_timeout")}', expected {MinMessageTimeout.TotalSeconds}s..{MaxMessageTimeout.TotalSeconds}s (Envoy's 200 ms default is too short for redaction)");
        }
    }

    private void CheckAlwaysOn(string where, YamlMappingNode filter, YamlMappingNode? config)
    {
        if (IsTrue(filter, "disabled"))
        {
            Report(Guarantee.FiltersAlwaysOn, $"{where}: the filter is marked disabled");
        }

        if (!IsHundredPercent(Child(config, "filter_enabled"), whenAbsent: true) || Child(config, "filter_enabled_metadata") is not null)
        {
            Report(Guarantee.FiltersAlwaysOn, $"{where}: filter_enabled or filter_enabled_metadata can skip the filter");
        }

        if (IsTrue(config, "observability_mode"))
        {
            Report(Guarantee.FiltersAlwaysOn, $"{where}: observability_mode ignores every answer");
        }
    }

    private bool IsUnixSocketCluster(YamlMappingNode? cluster)
    {
        var addresses = EndpointAddresses(cluster).ToList();
        return addresses.Count > 0 && addresses.All(address => Mapping(address, "pipe") is not null);
    }

    private static IEnumerable<YamlMappingNode> EndpointAddresses(YamlMappingNode? cluster) =>
        Mappings(Mapping(cluster, "load_assignment"), "endpoints")
            .SelectMany(locality => Mappings(locality, "lb_endpoints"))
            .Select(endpoint => Mapping(Mapping(endpoint, "endpoint"), "address"))
            .OfType<YamlMappingNode>();
}
