using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace PhiGate.Deployment.Tests.Yaml;

/// <summary>
/// Addresses a node in a YAML tree with a path such as
/// <c>static_resources/clusters[name=app]/load_assignment/endpoints[0]</c>.
/// </summary>
/// <remarks>
/// Segments are separated by '/' because Envoy's map keys (filter names) contain dots.
/// A segment is a mapping key, optionally followed by <c>[index]</c> or <c>[key=value]</c>, which picks
/// the first sequence item that is a mapping whose <c>key</c> scalar equals <c>value</c>.
/// </remarks>
internal static class YamlPath
{
    public static YamlNode? Find(YamlNode root, string path)
    {
        var node = root;
        foreach (var segment in Parse(path))
        {
            node = Step(node, segment);
            if (node is null)
            {
                return null;
            }
        }

        return node;
    }

    public static YamlNode Get(YamlNode root, string path) =>
        Find(root, path) ?? throw new InvalidOperationException($"YAML path not found: {path}");

    public static YamlMappingNode GetMapping(YamlNode root, string path) =>
        Get(root, path) as YamlMappingNode ?? throw new InvalidOperationException($"YAML path is not a mapping: {path}");

    public static YamlSequenceNode GetSequence(YamlNode root, string path) =>
        Get(root, path) as YamlSequenceNode ?? throw new InvalidOperationException($"YAML path is not a sequence: {path}");

    /// <summary>Sets (adds or replaces) the value at <paramref name="path"/>; the parent must exist.</summary>
    public static void Set(YamlNode root, string path, YamlNode value)
    {
        var (parent, last) = Parent(root, path);
        if (last.Selector is null)
        {
            Mapping(parent, path).Children[new YamlScalarNode(last.Key)] = value;
            return;
        }

        var sequence = Sequence(Step(parent, last with { Selector = null }), path);
        sequence.Children[IndexOf(sequence, last, path)] = value;
    }

    /// <summary>Removes the key or sequence item at <paramref name="path"/>; it must exist.</summary>
    public static void Remove(YamlNode root, string path)
    {
        var (parent, last) = Parent(root, path);
        if (last.Selector is null)
        {
            if (!Mapping(parent, path).Children.Remove(new YamlScalarNode(last.Key)))
            {
                throw new InvalidOperationException($"YAML path not found: {path}");
            }

            return;
        }

        var sequence = Sequence(Step(parent, last with { Selector = null }), path);
        sequence.Children.RemoveAt(IndexOf(sequence, last, path));
    }

    /// <summary>Parses YAML text into a node (a scalar, a flow mapping, a flow sequence...).</summary>
    public static YamlNode Node(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return stream.Documents[0].RootNode;
    }

    private static (YamlNode Parent, Segment Last) Parent(YamlNode root, string path)
    {
        var segments = Parse(path);
        YamlNode? node = root;
        foreach (var segment in segments.Take(segments.Count - 1))
        {
            node = node is null ? null : Step(node, segment);
        }

        return (node ?? throw new InvalidOperationException($"YAML parent not found: {path}"), segments[^1]);
    }

    private static YamlNode? Step(YamlNode? node, Segment segment)
    {
        if (node is not YamlMappingNode mapping ||
            !mapping.Children.TryGetValue(new YamlScalarNode(segment.Key), out var child))
        {
            return null;
        }

        if (segment.Selector is null)
        {
            return child;
        }

        if (child is not YamlSequenceNode sequence)
        {
            return null;
        }

        var index = FindIndex(sequence, segment);
        return index < 0 ? null : sequence.Children[index];
    }

    private static int IndexOf(YamlSequenceNode sequence, Segment segment, string path)
    {
        var index = FindIndex(sequence, segment);
        return index >= 0 ? index : throw new InvalidOperationException($"YAML path not found: {path}");
    }

    private static int FindIndex(YamlSequenceNode sequence, Segment segment)
    {
        var selector = segment.Selector!;
        var equals = selector.IndexOf('=', StringComparison.Ordinal);
        if (equals < 0)
        {
            var index = int.Parse(selector, CultureInfo.InvariantCulture);
            return index < sequence.Children.Count ? index : -1;
        }

        var key = new YamlScalarNode(selector[..equals]);
        var value = selector[(equals + 1)..];
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            if (sequence.Children[i] is YamlMappingNode item &&
                item.Children.TryGetValue(key, out var found) &&
                found is YamlScalarNode scalar && scalar.Value == value)
            {
                return i;
            }
        }

        return -1;
    }

    private static YamlMappingNode Mapping(YamlNode? node, string path) =>
        node as YamlMappingNode ?? throw new InvalidOperationException($"YAML parent is not a mapping: {path}");

    private static YamlSequenceNode Sequence(YamlNode? node, string path) =>
        node as YamlSequenceNode ?? throw new InvalidOperationException($"YAML parent is not a sequence: {path}");

    private static List<Segment> Parse(string path)
    {
        var segments = new List<Segment>();
        foreach (var part in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var open = part.IndexOf('[', StringComparison.Ordinal);
            segments.Add(open < 0 || !part.EndsWith(']')
                ? new Segment(part, null)
                : new Segment(part[..open], part[(open + 1)..^1]));
        }

        return segments;
    }

    private sealed record Segment(string Key, string? Selector);
}
