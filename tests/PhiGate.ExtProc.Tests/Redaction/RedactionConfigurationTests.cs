using System.Text;
using Envoy.Config.Core.V3;
using Google.Protobuf.WellKnownTypes;
using PhiGate.Host.Hosting;
using PhiGate.Testing.Envoy;
using PhiGate.Testing.Hosting;

namespace PhiGate.ExtProc.Tests.Redaction;

/// <summary>The <c>extproc</c> redaction settings: validated at start-up, profiles from a YAML file, hash keys.</summary>
[TestFixture]
public sealed class RedactionConfigurationTests
{
    private string _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("phigate-redaction-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [TestCase("extproc:max_body_bytes", "10", "extproc.max_body_bytes: must be between 1024 and 1073741824", TestName = "Invalid_MaxBodyBytes")]
    [TestCase("extproc:profiles_file", "missing.yaml", "extproc.profiles_file: file not found", TestName = "Invalid_ProfilesFileMissing")]
    [TestCase("extproc:hash_key_id", "k1", "extproc.hash_key_id: hash_key_file and hash_key_id must be set together", TestName = "Invalid_KeyIdWithoutFile")]
    public void Start_InvalidRedactionSetting_RefusedWithOneLineNamingTheKey(string key, string value, string expected)
    {
        // Arrange
        var overrides = new Dictionary<string, string?> { [key] = value.EndsWith(".yaml", StringComparison.Ordinal) ? Path.Combine(_folder, value) : value };

        // Act
        var problems = Assert.CatchAsync<ConfigurationProblemsException>(() => StartAndStopAsync(overrides));

        // Assert
        Assert.That(problems!.Problems, Does.Contain(expected));
    }

    [Test]
    public void Start_InvalidProfilesFile_EveryErrorReported()
    {
        // Arrange
        var file = Path.Combine(_folder, "profiles.yaml");
        File.WriteAllText(file, "profiles:\n  p:\n    rules:\n      name: blur\n      shoe_size: keep\n");

        // Act
        var problems = Assert.CatchAsync<ConfigurationProblemsException>(() => StartAndStopAsync(new Dictionary<string, string?> { ["extproc:profiles_file"] = file }));

        // Assert
        Assert.That(problems!.Problems, Has.Some.StartsWith("extproc.profiles_file: profiles.p.rules.name: unknown operator"));
        Assert.That(problems.Problems, Has.Some.StartsWith("extproc.profiles_file: profiles.p.rules: unknown category"));
    }

    private static async Task StartAndStopAsync(Dictionary<string, string?> overrides)
    {
        await using var server = await TestServer.StartAsync(overrides);
    }

    [Test]
    public async Task ResponseBody_ConfiguredHashProfile_PseudonymsStableAcrossExchanges()
    {
        // Arrange
        var profiles = Path.Combine(_folder, "profiles.yaml");
        File.WriteAllText(profiles, "profiles:\n  research:\n    extends: safe_harbor\n    hash_key_id: k2026\n    rules:\n      ssn: hash\n");
        var key = Path.Combine(_folder, "hash.key");
        File.WriteAllText(key, Convert.ToBase64String([.. Enumerable.Range(7, 32).Select(i => (byte)i)]));
        await using var server = await TestServer.StartAsync(new Dictionary<string, string?>
        {
            ["extproc:profiles_file"] = profiles,
            ["extproc:hash_key_file"] = key,
            ["extproc:hash_key_id"] = "k2026",
        });
        using var driver = server.CreateDriver();
        var json = Encoding.UTF8.GetBytes("""{"resourceType":"Patient","identifier":[{"system":"http://hl7.org/fhir/sid/us-ssn","value":"123-45-6789"}]}""");
        var metadata = new Metadata();
        var authz = new Struct();
        authz.Fields["phigate.redaction_profile"] = Value.ForString("research");
        metadata.FilterMetadata["envoy.filters.http.ext_authz"] = authz;
        var source = HttpExchange.JsonResponse(json);
        HttpExchange Exchange() => new()
        {
            RequestHeaders = source.RequestHeaders,
            ResponseHeaders = source.ResponseHeaders,
            ResponseBody = source.ResponseBody,
            MetadataContext = metadata,
        };

        // Act
        var first = await driver.ProcessAsync(Exchange());
        var second = await driver.ProcessAsync(Exchange());

        // Assert
        var body = Encoding.UTF8.GetString(first.ResponseBody);
        Assert.That(body, Does.Contain("\"value\":\"hmac:k2026:").And.Not.Contain("123-45-6789"));
        Assert.That(second.ResponseBody, Is.EqualTo(first.ResponseBody));
        server.AssertNoUnexpectedErrors();
    }
}
