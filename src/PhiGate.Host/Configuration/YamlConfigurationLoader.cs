using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PhiGate.Host.Configuration;

/// <summary>
/// Reads a PhiGate YAML file into flat configuration keys, collecting every problem instead of stopping
/// at the first, so an operator fixes the whole file in one go.
/// </summary>
internal static class YamlConfigurationLoader
{
    public static Dictionary<string, string?> Load(string path, List<string> problems)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            problems.Add($"{Path.GetFileName(path)}: cannot be read ({ex.GetType().Name})");
            return values;
        }

        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            // The position is enough to find the mistake; the parser's message may quote the file's content.
            problems.Add($"{Path.GetFileName(path)}:{ex.Start.Line}:{ex.Start.Column}: not valid YAML");
            return values;
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            return values;
        }

        if (stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            problems.Add($"{Path.GetFileName(path)}: the top level must be a mapping of sections");
            return values;
        }

        foreach (var (keyNode, valueNode) in root.Children)
        {
            var section = ((YamlScalarNode)keyNode).Value ?? string.Empty;
            if (!ConfigurationKeys.Sections.Contains(section))
            {
                problems.Add($"{section}: unknown section (expected one of {string.Join(", ", ConfigurationKeys.Sections)})");
                continue;
            }

            Flatten(valueNode, ConfigurationKeys.Normalize(section), values);
        }

        return values;
    }

    private static void Flatten(YamlNode node, string prefix, Dictionary<string, string?> values)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                foreach (var (key, child) in mapping.Children)
                {
                    var name = ConfigurationKeys.Normalize(((YamlScalarNode)key).Value ?? string.Empty);
                    Flatten(child, $"{prefix}:{name}", values);
                }

                break;
            case YamlSequenceNode sequence:
                for (var i = 0; i < sequence.Children.Count; i++)
                {
                    Flatten(sequence.Children[i], $"{prefix}:{i}", values);
                }

                break;
            case YamlScalarNode scalar:
                values[prefix] = scalar.Value;
                break;
        }
    }
}
