using PhiGate.Deployment.Tests.Yaml;
using YamlDotNet.RepresentationModel;

namespace PhiGate.Deployment.Tests.Envoy;

/// <summary>One change to an in-memory copy of the shipped configuration that breaks one guarantee.</summary>
public sealed class EnvoyConfigMutation
{
    private readonly Action<YamlMappingNode> _apply;

    private EnvoyConfigMutation(string name, Guarantee breaks, bool mtlsUpstream, Action<YamlMappingNode> apply)
    {
        Name = name;
        Breaks = breaks;
        MtlsUpstream = mtlsUpstream;
        _apply = apply;
    }

    public string Name { get; }

    internal Guarantee Breaks { get; }

    /// <summary>Whether the mutation applies to the configuration with the mTLS upstream cluster.</summary>
    public bool MtlsUpstream { get; }

    internal static EnvoyConfigMutation Remove(string name, Guarantee breaks, string path, bool mtls = false) =>
        new(name, breaks, mtls, root => YamlPath.Remove(root, path));

    internal static EnvoyConfigMutation Set(string name, Guarantee breaks, string path, string yaml, bool mtls = false) =>
        new(name, breaks, mtls, root => YamlPath.Set(root, path, YamlPath.Node(yaml)));

    internal static EnvoyConfigMutation Edit(string name, Guarantee breaks, Action<YamlMappingNode> edit) =>
        new(name, breaks, false, edit);

    internal YamlMappingNode Apply()
    {
        var root = MtlsUpstream ? EnvoyConfigFiles.WithMtlsUpstream() : EnvoyConfigFiles.Sidecar();
        _apply(root);

        // Round-trip through text so the check sees exactly what a file with this change would hold.
        return YamlFiles.ParseMapping(EnvoyConfigFiles.Serialize(root));
    }

    public override string ToString() => Name;
}
