using PhiGate.Redaction.Detection;

namespace PhiGate.Redaction.Tests.Quality;

/// <summary>
/// Precision and recall of the free-text detectors on the team's own labelled notes (Data/clinical-notes.txt).
/// A gold span counts as found when every one of its characters is covered by detections; a detection
/// is correct when it overlaps a gold span. Only counts are printed.
/// </summary>
[TestFixture]
public sealed class ClinicalNotesQualityTests
{
    [Test]
    public void Detect_LabelledNotes_MeetsRecallAndPrecisionTargets()
    {
        // Arrange
        var notes = LabelledNote.Load();
        var goldByCategory = new SortedDictionary<string, (int Gold, int Found)>(StringComparer.Ordinal);
        int truePositives = 0, falsePositives = 0, gold = 0, found = 0;

        foreach (var note in notes)
        {
            // Act
            var matches = new List<PhiMatch>();
            TextDetector.Detect(note.Text, matches);

            // Assert (scored below)
            var covered = new bool[note.Text.Length];
            foreach (var match in matches)
            {
                Array.Fill(covered, true, match.Start, match.Length);
                var overlaps = note.Spans.Any(s => match.Start < s.Start + s.Length && s.Start < match.End);
                truePositives += overlaps ? 1 : 0;
                falsePositives += overlaps ? 0 : 1;
                if (!overlaps)
                {
                    TestContext.Out.WriteLine($"false positive: {match.Category} ({match.Length} chars)");
                }
            }

            foreach (var (start, length, category) in note.Spans)
            {
                var hit = covered.AsSpan(start, length).IndexOf(false) < 0;
                gold++;
                found += hit ? 1 : 0;
                if (!hit)
                {
                    TestContext.Out.WriteLine($"missed: {category} ({length} chars)");
                }

                var key = category.ToSnakeName();
                var (g, f) = goldByCategory.GetValueOrDefault(key);
                goldByCategory[key] = (g + 1, f + (hit ? 1 : 0));
            }
        }

        var recall = (double)found / gold;
        var precision = (double)truePositives / (truePositives + falsePositives);
        TestContext.Out.WriteLine($"notes: {notes.Count}, gold spans: {gold}, found: {found}, detections: {truePositives + falsePositives}");
        foreach (var (category, (g, f)) in goldByCategory)
        {
            TestContext.Out.WriteLine($"{category,-24} {f,3}/{g,-3} recall {(double)f / g:P0}");
        }

        TestContext.Out.WriteLine($"recall {recall:F3}, precision {precision:F3}");
        Assert.Multiple(() =>
        {
            Assert.That(recall, Is.GreaterThanOrEqualTo(0.95), "recall on the labelled notes");
            Assert.That(precision, Is.GreaterThanOrEqualTo(0.90), "precision on the labelled notes");
        });
    }
}
