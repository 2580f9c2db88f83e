namespace PhiGate.Deployment.Tests.Envoy;

/// <summary>Proves each assertion of the check can fail: break one guarantee, expect exactly that report.</summary>
[TestFixture]
public sealed class EnvoyConfigMutationTests
{
    private static IEnumerable<TestCaseData> Mutations() =>
        EnvoyConfigMutations.All.Select(m => new TestCaseData(m).SetArgDisplayNames(m.Name));

    [TestCaseSource(nameof(Mutations))]
    public void Run_OneGuaranteeBroken_ReportsExactlyThatGuarantee(EnvoyConfigMutation mutation)
    {
        // Arrange
        var bootstrap = mutation.Apply();

        // Act
        var findings = EnvoyConfigCheck.Run(bootstrap);

        // Assert
        Assert.That(
            findings.Select(f => f.Guarantee).Distinct(),
            Is.EqualTo(new[] { mutation.Breaks }),
            string.Join(Environment.NewLine, findings));
    }

    [Test]
    public void Mutations_EveryGuarantee_IsBrokenByAtLeastOneCase()
    {
        // Arrange
        var covered = EnvoyConfigMutations.All.Select(m => m.Breaks).ToHashSet();

        // Act
        var uncovered = Enum.GetValues<Guarantee>().Where(g => !covered.Contains(g)).ToList();

        // Assert
        Assert.That(uncovered, Is.Empty, "guarantees no mutation case breaks");
    }

    [Test]
    public void Mutations_Names_AreUnique()
    {
        // Arrange
        var names = EnvoyConfigMutations.All.Select(m => m.Name).ToList();

        // Act
        var duplicates = names.GroupBy(n => n).Where(g => g.Count() > 1).Select(g => g.Key).ToList();

        // Assert
        Assert.That(duplicates, Is.Empty);
    }
}
