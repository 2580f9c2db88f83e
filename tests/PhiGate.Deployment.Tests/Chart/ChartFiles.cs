using System.Text.Json.Nodes;
using PhiGate.Deployment.Tests.Yaml;
using YamlDotNet.RepresentationModel;

namespace PhiGate.Deployment.Tests.Chart;

/// <summary>The chart's files: values, schema, templates.</summary>
internal static class ChartFiles
{
    public static string ValuesPath => Path.Combine(RepositoryLayout.Chart, "values.yaml");

    public static string SchemaPath => Path.Combine(RepositoryLayout.Chart, "values.schema.json");

    public static string TemplatesPath => Path.Combine(RepositoryLayout.Chart, "templates");

    public static YamlMappingNode ValuesYaml() => YamlFiles.LoadMapping(ValuesPath);

    public static JsonObject Values() => (JsonObject)YamlJson.Convert(ValuesYaml())!;

    public static JsonSchemaSubset Schema() => JsonSchemaSubset.Load(SchemaPath);

    public static IReadOnlyList<string> TemplateFiles() =>
        [.. Directory.EnumerateFiles(TemplatesPath).Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".tpl", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];

    public static string Template(string name) => File.ReadAllText(Path.Combine(TemplatesPath, name));
}
