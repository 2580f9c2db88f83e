using PhiGate.Conformance;

namespace PhiGate.Rego.Tests.Conformance;

/// <summary>
/// Runs OPA's conformance cases and fails when a case listed in <c>passing.txt</c> no longer passes.
/// The list only grows: add newly passing cases with <c>--report</c> output.
/// </summary>
[TestFixture]
public sealed class ConformanceRatchetTests
{
    [Test]
    [CancelAfter(600_000)]
    public void ConformanceSuite_PreviouslyPassingCases_StillPass()
    {
        // Arrange
        var casesDir = SharedFolder.ConformanceCasesOrIgnore();
        var expected = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Conformance", "passing.txt"))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .ToHashSet(StringComparer.Ordinal);

        // Act
        var run = ConformanceSuite.Run(casesDir);

        // Assert
        var passing = run.Results.Where(r => r.Passed).Select(Key).ToHashSet(StringComparer.Ordinal);
        var regressions = expected.Where(e => !passing.Contains(e)).Order(StringComparer.Ordinal).ToList();
        var reasons = run.Results.Where(r => !r.Passed && expected.Contains(Key(r))).Select(r => $"{Key(r)}: {r.Reason}");
        Assert.That(regressions, Is.Empty, "regressed cases:\n" + string.Join('\n', reasons.Take(50)));
        Assert.That(run.Passed, Is.GreaterThanOrEqualTo(expected.Count));
    }

    internal static string Key(CaseOutcome r) => r.File + " :: " + r.Note;
}
