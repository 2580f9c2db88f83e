using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using PhiGate.Redaction.Tests.Quality;
using PhiGate.Testing.Envoy;
using PhiGate.Testing.Hosting;

namespace PhiGate.FunctionalTests.Privacy;

/// <summary>
/// The whole host, fed the shared synthetic FHIR bundles (treated as real PHI) through both Envoy calls:
/// afterwards no identifying value of any patient may appear in the audit files, the logs or /metrics.
/// </summary>
public sealed class NoPhiLeakTests
{
    private const string AllowReadsPolicy = """
        package envoy.authz

        import rego.v1

        default allow := false

        allow if {
            input.attributes.request.http.method == "GET"
            input.parsed_path[0] == "fhir"
        }
        """;

    [Test]
    public async Task WholeHost_SharedFhirBundles_NoIdentifyingValueInAuditLogsOrMetrics()
    {
        // Arrange
        var bundles = Directory.GetFiles(SharedMaterials.Require("data/fhir"), "*.json").Order(StringComparer.Ordinal).ToArray();
        using var work = new TemporaryFolder();
        var auditDirectory = Path.Combine(work.Path, "audit");
        var overrides = WriteConfiguration(work.Path, auditDirectory);
        var values = new List<(string Category, string Value)>();
        var responses = new StringBuilder();
        string metrics;
        await using (var server = await TestServer.StartAsync(overrides))
        {
            using var envoy = server.CreateDriver();
            using var admin = server.CreateAdminClient();

            // Act: for each patient, a Check and an ext_proc exchange that carry the patient's values.
            foreach (var file in bundles)
            {
                var bytes = await File.ReadAllBytesAsync(file);
                using var document = JsonDocument.Parse(bytes);
                var patient = PatientValues.Collect(document.RootElement);
                values.AddRange(patient);
                var family = patient.FirstOrDefault(v => v.Category == "name.family").Value ?? "unknown";
                var birthDate = patient.FirstOrDefault(v => v.Category == "birth_date").Value ?? "1970-01-01";
                var path = $"/fhir/Patient?family={Uri.EscapeDataString(family)}&birthdate={birthDate}";
                await envoy.CheckAsync(new CheckRequestBuilder().Path(path).Header("x-patient-name", family));
                // ext_proc gets the bundle as a response body on a plain read (a query with PHI is refused there).
                var result = await envoy.ProcessAsync(HttpExchange.JsonResponse(bytes, "/fhir/Bundle/" + values.Count));
                Assert.That(result.ImmediateResponse, Is.Null, "the bundle was redacted, not refused");
                responses.Append(Encoding.UTF8.GetString(result.ResponseBody));
            }

            metrics = await admin.GetStringAsync("/metrics");
            await server.StopAsync();
            server.AssertNoUnexpectedErrors();

            // Assert
            var logs = string.Join('\n', server.Logs.Events.Select(e =>
                e.Message + " " + string.Join(' ', e.Properties.Values.Select(v => v?.ToString())) + " " + e.Exception));
            var audit = Directory.Exists(auditDirectory)
                ? string.Join('\n', Directory.GetFiles(auditDirectory, "*", SearchOption.AllDirectories).Select(File.ReadAllText))
                : string.Empty;
            var searchable = values.Where(v => v.Value.Length >= 4).Select(v => v.Value).Distinct().ToList();
            Assert.That(searchable, Has.Count.GreaterThan(bundles.Length), "identifying values were collected");
            Assert.That(audit.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.GreaterThanOrEqualTo(2 * bundles.Length),
                "a decision event and a redaction event per bundle");

            // Counts only: the values themselves are PHI and never go into a test report.
            Assert.That(searchable.Count(v => PatientValues.Contains(audit, v)), Is.Zero, "identifying values in the audit files");
            Assert.That(searchable.Count(v => PatientValues.Contains(logs, v)), Is.Zero, "identifying values in the logs");
            Assert.That(searchable.Count(v => PatientValues.Contains(metrics, v)), Is.Zero, "identifying values in /metrics");
            Assert.That(searchable.Count(v => PatientValues.Contains(responses.ToString(), v)), Is.Zero, "identifying values in the redacted responses");
        }
    }

    private static Dictionary<string, string?> WriteConfiguration(string folder, string auditDirectory)
    {
        var policy = Path.Combine(folder, "policy");
        Directory.CreateDirectory(policy);
        File.WriteAllText(Path.Combine(policy, "authz.rego"), AllowReadsPolicy);
        var hmac = Path.Combine(folder, "audit-hmac");
        File.WriteAllText(hmac, "test-1\n" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) + "\n");
        var signing = Path.Combine(folder, "audit-signing.pem");
        using (var key = ECDsa.Create(ECCurve.NamedCurves.nistP256))
        {
            File.WriteAllText(signing, key.ExportPkcs8PrivateKeyPem(), Encoding.ASCII);
        }

        return new Dictionary<string, string?>
        {
            ["authz:policy_dirs:0"] = policy,
            ["audit:hmac_key_file"] = hmac,
            ["audit:signing_key_file"] = signing,
            ["audit:directory"] = auditDirectory,
            ["audit:stdout"] = "false",
        };
    }

    private sealed class TemporaryFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("phigate-phi-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
