using PhiGate.Deployment.Tests.Yaml;
using YamlDotNet.RepresentationModel;

namespace PhiGate.Deployment.Tests.Envoy;

/// <summary>The shipped Envoy configurations, loaded fresh on every call so a test may change its copy.</summary>
internal static class EnvoyConfigFiles
{
    /// <summary><c>envoy/envoy.yaml</c>: the sidecar default with the application on loopback.</summary>
    public static YamlMappingNode Sidecar() => YamlFiles.LoadMapping(RepositoryLayout.EnvoyConfig);

    /// <summary><c>envoy/envoy.yaml</c> with its <c>app</c> cluster replaced by <c>envoy/app-cluster-mtls.yaml</c>.</summary>
    public static YamlMappingNode WithMtlsUpstream()
    {
        var bootstrap = Sidecar();
        var cluster = YamlFiles.LoadMapping(RepositoryLayout.EnvoyMtlsAppCluster);
        YamlPath.Set(bootstrap, "static_resources/clusters[name=app]", cluster);
        return bootstrap;
    }

    public static string Serialize(YamlNode root)
    {
        var stream = new YamlStream(new YamlDocument(root));
        using var writer = new StringWriter();
        stream.Save(writer, assignAnchors: false);
        return writer.ToString();
    }
}
