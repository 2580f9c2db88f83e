using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using PhiGate.Testing.Hosting;
using Prometheus;

namespace PhiGate.Audit.Tests;

/// <summary>
/// Every identifying value of the shared synthetic FHIR patients goes through the trail as a digest; none
/// may appear in the files, the stdout mirror, the logs or the metrics.
/// </summary>
public class SharedFhirLeakTests
{
    [Test]
    public async Task Trail_FhirPatientIdentifiers_NeverAppearInFilesStdoutLogsOrMetrics()
    {
        // Arrange
        var folder = SharedMaterials.Require("data/fhir");
        var patients = Directory.GetFiles(folder, "*.json").Select(PatientValues).Where(p => p.Count > 0).ToList();
        Assert.That(patients, Is.Not.Empty);
        await using var harness = new TrailHarness();
        using var stdout = new MemoryStream();
        var logs = new CapturingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        var registry = Metrics.NewCustomRegistry();
        var errors = new List<string>();
        var settings = AuditSettings.Resolve(harness.Options(o => o.Stdout = true), _ => null, errors)!;
        await using var trail = new AuditTrail(settings, new FakeTimeProvider(TrailHarness.Start), loggerFactory.CreateLogger<AuditTrail>(), new AuditMetrics(registry), stdout);
        await trail.StartAsync();

        // Act
        var n = 0;
        foreach (var values in patients)
        {
            var digests = values.Select(v => trail.Digest(v)).ToList();
            Assert.That(trail.TryAppend(Events.Decision(trail, n++, subject: values[0]) with
            {
                Route = new AuditRoute { Method = "GET", PathTemplate = "/fhir/Patient/{id}", ResourceIds = digests.Take(1).ToList(), Query = new Dictionary<string, AuditDigest> { ["name"] = digests[^1] } },
            }), Is.True);
            Assert.That(trail.TryAppend(Events.Redaction(trail, n++) with { Identifiers = digests }), Is.True);
        }

        await trail.StopAsync();

        // Assert
        using var metrics = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(metrics);
        var haystacks = new Dictionary<string, string>
        {
            ["files"] = string.Join('\n', harness.AllLines()),
            ["stdout"] = Encoding.UTF8.GetString(stdout.ToArray()),
            ["logs"] = string.Join('\n', logs.Entries.Select(e => e.Text)),
            ["metrics"] = Encoding.UTF8.GetString(metrics.ToArray()),
        };
        Assert.That(harness.Verify().Events, Is.EqualTo(n));
        foreach (var value in patients.SelectMany(p => p).Distinct())
        {
            foreach (var (where, text) in haystacks)
            {
                Assert.That(text.Contains(value, StringComparison.OrdinalIgnoreCase), Is.False, $"an identifying value appeared in the {where}");
            }
        }
    }

    /// <summary>Patient id, identifier values, names, birth date, phone numbers and address lines.</summary>
    private static List<string> PatientValues(string bundleFile)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(bundleFile));
        var values = new List<string>();
        foreach (var entry in document.RootElement.GetProperty("entry").EnumerateArray())
        {
            var resource = entry.GetProperty("resource");
            if (resource.GetProperty("resourceType").GetString() != "Patient")
            {
                continue;
            }

            values.Add(resource.GetProperty("id").GetString()!);
            values.AddRange(Strings(resource, "identifier", "value"));
            values.AddRange(Strings(resource, "telecom", "value"));
            values.AddRange(Strings(resource, "name", "family"));
            foreach (var name in Array(resource, "name"))
            {
                values.AddRange(Array(name, "given").Select(g => g.GetString()!));
            }

            foreach (var address in Array(resource, "address"))
            {
                values.AddRange(Array(address, "line").Select(l => l.GetString()!));
            }

            if (resource.TryGetProperty("birthDate", out var birth))
            {
                values.Add(birth.GetString()!);
            }
        }

        // Very short fragments (e.g. a two-letter given name) would match unrelated base64 by chance.
        return values.Where(v => v.Length >= 6).Distinct().ToList();
    }

    private static IEnumerable<JsonElement> Array(JsonElement element, string name) =>
        element.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array ? array.EnumerateArray() : [];

    private static IEnumerable<string> Strings(JsonElement element, string array, string property) =>
        Array(element, array).Where(e => e.TryGetProperty(property, out var v) && v.ValueKind == JsonValueKind.String).Select(e => e.GetProperty(property).GetString()!);
}
