using System.Text.Json.Nodes;
using PhiGate.Deployment.Tests.Yaml;

namespace PhiGate.Deployment.Tests.Chart;

[TestFixture]
public sealed class ValuesSchemaTests
{
    [Test]
    public void Validate_ShippedValues_HasNoErrors()
    {
        // Arrange
        var schema = ChartFiles.Schema();

        // Act
        var errors = schema.Validate(ChartFiles.Values());

        // Assert
        Assert.That(errors, Is.Empty, string.Join(Environment.NewLine, errors));
    }

    private static IEnumerable<TestCaseData> InvalidValues()
    {
        static TestCaseData Case(string name, string path, string yaml, string expectedPath) =>
            new TestCaseData(path, yaml, expectedPath).SetArgDisplayNames(name);

        yield return Case("Enum_UnknownMode", "mode", "daemonset", "$.mode");
        yield return Case("Minimum_NoReplicas", "replicaCount", "0", "$.replicaCount");
        yield return Case("AdditionalProperties_UnknownTopLevelKey", "replicas", "2", "$");
        yield return Case("AdditionalProperties_UnknownNestedKey", "listener/plaintextPort", "8080", "$.listener");
        yield return Case("Not_LatestTag", "images/phigate/tag", "latest", "$.images.phigate.tag");
        yield return Case("Required_ImageTagMissing", "images/envoy", "{ repository: envoyproxy/envoy, pullPolicy: Always }", "$.images.envoy");
        yield return Case("Minimum_ShortHsts", "hsts/maxAgeSeconds", "300", "$.hsts.maxAgeSeconds");
        yield return Case("Minimum_NoAuthzBody", "extAuthz/maxRequestBytes", "0", "$.extAuthz.maxRequestBytes");
        yield return Case("Pattern_DurationWithoutUnit", "extProc/messageTimeout", "'2'", "$.extProc.messageTimeout");
        yield return Case("Pattern_BucketIntervalInWords", "rateLimit/fillInterval", "one second", "$.rateLimit.fillInterval");
        yield return Case("Required_RouteWithoutPrefix", "routes", "[ { name: fhir, timeout: 30s } ]", "$.routes[0]");
        yield return Case("Pattern_RouteBucketInWords", "routes", "[ { name: a, prefix: /a, timeout: 1s, rateLimit: { maxTokens: 1, tokensPerFill: 1, fillInterval: soon } } ]", "$.routes[0].rateLimit.fillInterval");
        yield return Case("Minimum_RootUser", "podSecurityContext/runAsUser", "0", "$.podSecurityContext.runAsUser");
        yield return Case("Items_BadCidr", "networkPolicy/identityProvider/cidrs", "[ idp.example.org ]", "$.networkPolicy.identityProvider.cidrs[0]");
        yield return Case("Maximum_PortTooLarge", "listener/port", "70000", "$.listener.port");
        yield return Case("Type_BooleanAsString", "networkPolicy/enabled", "'yes'", "$.networkPolicy.enabled");
        yield return Case("Type_ObjectAsString", "phigate/config", "authz", "$.phigate.config");
        yield return Case("MaxLength_LongName", "nameOverride", new string('a', 64), "$.nameOverride");
        yield return Case("MinLength_EmptyContainerName", "app/name", "''", "$.app.name");
    }

    [TestCaseSource(nameof(InvalidValues))]
    public void Validate_OneValueBroken_ReportsThatValue(string path, string yaml, string expectedPath)
    {
        // Arrange
        var values = ChartFiles.ValuesYaml();
        YamlPath.Set(values, path, YamlPath.Node(yaml));

        // Act
        var errors = ChartFiles.Schema().Validate(YamlJson.Convert(values));

        // Assert
        Assert.That(errors, Has.Count.EqualTo(1), string.Join(Environment.NewLine, errors));
        Assert.That(errors[0], Does.StartWith(expectedPath + ":"));
    }

    [Test]
    public void Schema_EveryKeyword_IsUnderstoodByTheValidator()
    {
        // Arrange
        var schema = ChartFiles.Schema();

        // Act
        var unknown = schema.UnknownKeywords();

        // Assert
        Assert.That(unknown, Is.Empty, "keywords the test validator would silently skip");
    }

    [Test]
    public void Schema_EverySchema_HasADescription()
    {
        // Arrange
        var missing = new List<string>();

        // Act
        ChartFiles.Schema().WalkSchemas((schema, path) =>
        {
            if (!path.EndsWith("/not", StringComparison.Ordinal) && schema["description"] is null)
            {
                missing.Add(path);
            }
        });

        // Assert
        Assert.That(missing, Is.Empty);
    }

    [Test]
    public void Schema_EveryObjectWithProperties_RefusesUnknownKeys()
    {
        // Arrange
        var open = new List<string>();

        // Act
        ChartFiles.Schema().WalkSchemas((schema, path) =>
        {
            if (schema["properties"] is not null && schema["additionalProperties"]?.GetValue<bool>() != false)
            {
                open.Add(path);
            }
        });

        // Assert
        Assert.That(open, Is.Empty, "a typo in values.yaml would pass unnoticed");
    }

    [Test]
    public void Schema_EveryDescribedKey_AppearsInValuesYaml()
    {
        // Arrange: values.yaml is the reference users read, so it lists every key the schema knows.
        var schema = ChartFiles.Schema();
        var missing = new List<string>();

        // Act
        CollectMissing(schema, schema.Resolve(JsonNode.Parse(File.ReadAllText(ChartFiles.SchemaPath))!.AsObject()), ChartFiles.Values(), "$", missing);

        // Assert
        Assert.That(missing, Is.Empty);
    }

    private static void CollectMissing(JsonSchemaSubset schema, JsonObject node, JsonObject values, string path, List<string> missing)
    {
        if (schema.Resolve(node)["properties"] is not JsonObject properties)
        {
            return;
        }

        foreach (var (key, child) in properties)
        {
            if (!values.ContainsKey(key))
            {
                missing.Add($"{path}.{key}");
            }
            else if (values[key] is JsonObject nested && child is JsonObject childSchema)
            {
                CollectMissing(schema, childSchema, nested, $"{path}.{key}", missing);
            }
        }
    }
}
