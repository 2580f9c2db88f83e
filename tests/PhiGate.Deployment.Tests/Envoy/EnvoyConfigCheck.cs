using YamlDotNet.RepresentationModel;
using static PhiGate.Deployment.Tests.Envoy.EnvoyYaml;

namespace PhiGate.Deployment.Tests.Envoy;

/// <summary>
/// Checks an Envoy bootstrap (static resources) against every <see cref="Guarantee"/> PhiGate's data
/// plane promises, and reports each broken one. An empty result means every guarantee holds.
/// </summary>
/// <remarks>
/// 1. Admin on loopback.
/// 2. Listeners: TLS on every filter chain, TLS 1.3 only, client certificate required and validated, ALPN.
/// 3. Each HTTP connection manager: filter order, then the settings of each filter that is present
///    (a missing filter is reported once, as <see cref="Guarantee.FilterOrder"/>), routes, access logs.
/// 4. Clusters: the PhiGate socket cluster, upstream TLS or loopback, circuit breakers, outlier detection.
/// </remarks>
internal sealed partial class EnvoyConfigCheck
{
    internal const string RateLimitFilter = "envoy.filters.http.local_ratelimit";
    internal const string ExtAuthzFilter = "envoy.filters.http.ext_authz";
    internal const string ExtProcFilter = "envoy.filters.http.ext_proc";
    internal const string RouterFilter = "envoy.filters.http.router";
    internal const string HttpConnectionManager = "envoy.filters.network.http_connection_manager";

    private static readonly string[] ExpectedFilters = [RateLimitFilter, ExtAuthzFilter, ExtProcFilter, RouterFilter];

    private readonly YamlMappingNode _root;
    private readonly List<Finding> _findings = [];
    private readonly HashSet<string> _sidecarClusters = new(StringComparer.Ordinal);

    private EnvoyConfigCheck(YamlMappingNode root) => _root = root;

    public static IReadOnlyList<Finding> Run(YamlMappingNode bootstrap)
    {
        ArgumentNullException.ThrowIfNull(bootstrap);
        var check = new EnvoyConfigCheck(bootstrap);
        check.CheckAdmin();
        check.CheckListeners();
        check.CheckClusters();
        return check._findings;
    }

    private IEnumerable<YamlMappingNode> Clusters => Mappings(Mapping(_root, "static_resources"), "clusters");

    private void Report(Guarantee guarantee, string message) => _findings.Add(new Finding(guarantee, message));

    private void CheckAdmin()
    {
        var admin = Mapping(_root, "admin");
        var socket = Mapping(Mapping(admin, "address"), "socket_address");
        if (socket is not null && !IsLoopback(Scalar(socket, "address")))
        {
            Report(Guarantee.AdminOnLoopback, $"admin listens on '{Scalar(socket, "address")}', not a loopback address");
        }
    }

    private YamlMappingNode? FindCluster(string? name) =>
        Clusters.FirstOrDefault(cluster => Scalar(cluster, "name") == name);

    private static bool IsLoopback(string? address) =>
        address is not null &&
        (address.StartsWith("127.", StringComparison.Ordinal) || address is "::1" or "localhost");
}
