using System.Buffers;
using System.Text.Json;
using PhiGate.Redaction.Profiles;

namespace PhiGate.Redaction.Tests.Quality;

/// <summary>
/// The quality report over the shared Synthea bundles: every identifying value of every Patient must be
/// gone from the safe_harbor output, wherever it appeared (structure, narratives, references, other
/// resources). Only counts and categories are printed, never a value.
/// </summary>
[TestFixture]
public sealed class FhirQualityReportTests
{
    [Test]
    public void SafeHarbor_SharedBundles_NoPatientIdentifierSurvives()
    {
        // Arrange
        var files = SharedData.FhirBundles();
        var redactor = new PhiRedactor();
        var found = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var survived = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var changedLeaves = 0;
        var changedPhiLeaves = 0;
        var changedOtherLeaves = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var totalLeaves = 0;

        foreach (var file in files)
        {
            var input = File.ReadAllBytes(file);
            using var original = JsonDocument.Parse(input);
            var values = PatientValues.Collect(original.RootElement);

            // Act
            var output = new ArrayBufferWriter<byte>(input.Length);
            var result = redactor.RedactJson(input, output, BuiltInProfiles.SafeHarbor);

            // Assert (per file; aggregated report below)
            Assert.That(result.Status, Is.EqualTo(RedactionStatus.Ok), "redaction status for a bundle");
            using var redacted = JsonDocument.Parse(output.WrittenMemory);
            var outputStrings = LeafStrings(redacted.RootElement);
            foreach (var (category, value) in values)
            {
                found[category] = found.GetValueOrDefault(category) + 1;
                if (outputStrings.Any(s => PatientValues.Contains(s, value)))
                {
                    survived[category] = survived.GetValueOrDefault(category) + 1;
                }
            }

            LeafDiff.Compare(original.RootElement, redacted.RootElement, values, ref totalLeaves, ref changedLeaves, ref changedPhiLeaves, changedOtherLeaves);
        }

        TestContext.Out.WriteLine($"bundles: {files.Length}");
        TestContext.Out.WriteLine("category            found  removed  recall");
        foreach (var (category, count) in found)
        {
            var removed = count - survived.GetValueOrDefault(category);
            TestContext.Out.WriteLine($"{category,-18} {count,6} {removed,8} {(double)removed / count,7:P1}");
        }

        TestContext.Out.WriteLine($"leaf values: {totalLeaves}, changed: {changedLeaves}, changed holding patient PHI or dates: {changedPhiLeaves}");
        TestContext.Out.WriteLine("changed values holding no patient identifier, by field:");
        foreach (var (field, count) in changedOtherLeaves)
        {
            TestContext.Out.WriteLine($"  {field,-40} {count,6}");
        }

        Assert.That(survived.Values.Sum(), Is.Zero, $"identifying values surviving safe_harbor, by category: {string.Join(", ", survived.Select(p => p.Key + "=" + p.Value))}");
    }

    private static List<string> LeafStrings(JsonElement element)
    {
        var strings = new List<string>();
        void Walk(JsonElement e)
        {
            switch (e.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var p in e.EnumerateObject())
                    {
                        Walk(p.Value);
                    }

                    break;
                case JsonValueKind.Array:
                    foreach (var item in e.EnumerateArray())
                    {
                        Walk(item);
                    }

                    break;
                case JsonValueKind.String:
                    strings.Add(e.GetString()!);
                    break;
                case JsonValueKind.Number:
                    strings.Add(e.GetRawText());
                    break;
                default:
                    break;
            }
        }

        Walk(element);
        return strings;
    }
}
