using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace PhiGate.Deployment.Tests.Chart;

[TestFixture]
public sealed partial class ValuesPathTests
{
    [Test]
    public void Templates_EveryValuesPath_ExistsInValuesYaml()
    {
        // Arrange
        var values = ChartFiles.ValuesYaml();
        var used = UsedPaths();

        // Act
        var missing = used.Where(path => Resolve(values, path) is null).Select(path => ".Values." + path).ToList();

        // Assert
        Assert.That(used, Has.Count.GreaterThan(40), "the template scan found too few .Values references to be working");
        Assert.That(missing, Is.Empty, "templates read values that values.yaml does not define");
    }

    [Test]
    public void ValuesYaml_EveryValue_IsReadByATemplate()
    {
        // Arrange
        var used = UsedPaths();
        var unused = new List<string>();

        // Act
        CollectUnused(ChartFiles.ValuesYaml(), string.Empty, used, unused);

        // Assert
        Assert.That(unused, Is.Empty, "values no template reads");
    }

    [Test]
    public void Resolve_PathMissingFromValues_ReturnsNull()
    {
        // Arrange: proves the lookup can fail, so the first test means something.
        var values = ChartFiles.ValuesYaml();

        // Act
        var found = Resolve(values, "listener.plaintextPort");

        // Assert
        Assert.That(found, Is.Null);
    }

    private static HashSet<string> UsedPaths()
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in ChartFiles.TemplateFiles())
        {
            foreach (Match match in ValuesReference().Matches(File.ReadAllText(file)))
            {
                used.Add(match.Groups[1].Value);
            }
        }

        return used;
    }

    private static YamlNode? Resolve(YamlNode values, string dottedPath)
    {
        YamlNode? node = values;
        foreach (var key in dottedPath.Split('.'))
        {
            node = node is YamlMappingNode mapping && mapping.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null;
        }

        return node;
    }

    /// <summary>A value counts as read when a template reads it or any key above it (toYaml, range, with).</summary>
    private static void CollectUnused(YamlMappingNode mapping, string prefix, HashSet<string> used, List<string> unused)
    {
        foreach (var (keyNode, child) in mapping.Children)
        {
            var path = prefix.Length == 0 ? ((YamlScalarNode)keyNode).Value! : $"{prefix}.{((YamlScalarNode)keyNode).Value}";
            if (used.Contains(path))
            {
                continue;
            }

            if (child is YamlMappingNode nested && used.Any(u => u.StartsWith(path + ".", StringComparison.Ordinal)))
            {
                CollectUnused(nested, path, used, unused);
                continue;
            }

            unused.Add(path);
        }
    }

    [GeneratedRegex(@"\.Values\.([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)")]
    private static partial Regex ValuesReference();
}
