using YamlDotNet.RepresentationModel;

namespace PhiGate.Deployment.Tests.Yaml;

/// <summary>Loads YAML documents; every load is a fresh tree, so callers may mutate what they get.</summary>
internal static class YamlFiles
{
    public static YamlMappingNode LoadMapping(string path) => ParseMapping(File.ReadAllText(path));

    public static YamlMappingNode ParseMapping(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return stream.Documents.Count > 0 && stream.Documents[0].RootNode is YamlMappingNode mapping
            ? mapping
            : throw new InvalidOperationException("The YAML document is not a mapping.");
    }

    /// <summary>Every document of a multi-document stream (as <c>helm template</c> prints).</summary>
    public static IReadOnlyList<YamlNode> ParseAll(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return [.. stream.Documents.Select(document => document.RootNode)];
    }
}
