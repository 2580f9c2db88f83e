using PhiGate.Redaction.Profiles;

namespace PhiGate.Redaction.Tests.Profiles;

[TestFixture]
public sealed class ProfileLoaderTests
{
    [Test]
    public void Load_ValidProfile_RulesAppliedOverParent()
    {
        // Arrange
        const string yaml = """
            profiles:
              research:
                extends: safe_harbor
                hash_key_id: research-2026
                rules:
                  name: hash
                  phone: { operator: mask, keep_last: 4 }
            """;

        // Act
        var result = ProfileLoader.Load(yaml);

        // Assert
        Assert.That(result.Errors, Is.Empty);
        var profile = result.Profiles.Single();
        Assert.Multiple(() =>
        {
            Assert.That(profile.Name, Is.EqualTo("research"));
            Assert.That(profile.HashKeyId, Is.EqualTo("research-2026"));
            Assert.That(profile[PhiCategory.Name], Is.EqualTo(new CategoryRule(OperatorKind.Hash)));
            Assert.That(profile[PhiCategory.Phone], Is.EqualTo(new CategoryRule(OperatorKind.Mask, 4)));
            Assert.That(profile[PhiCategory.Date], Is.EqualTo(new CategoryRule(OperatorKind.Generalize)), "inherited from safe_harbor");
            Assert.That(profile[PhiCategory.Ssn], Is.EqualTo(CategoryRule.Redact));
        });
    }

    [TestCase("profiles:\n  p:\n    rules:\n      name: blur\n", "profiles.p.rules.name: unknown operator 'blur' (redact, mask, hash, generalize, keep)", TestName = "Invalid_UnknownOperator")]
    [TestCase("profiles:\n  p:\n    rules:\n      shoe_size: keep\n", "profiles.p.rules: unknown category 'shoe_size'", TestName = "Invalid_UnknownCategory")]
    [TestCase("profiles:\n  p:\n    rules:\n      name: hash\n", "profiles.p.hash_key_id: required because a rule uses hash", TestName = "Invalid_HashWithoutKeyId")]
    [TestCase("profiles:\n  p:\n    extends: nope\n", "profiles.p.extends: unknown profile 'nope'", TestName = "Invalid_UnknownParent")]
    [TestCase("profiles:\n  a:\n    extends: b\n  b:\n    extends: a\n", "profiles.a.extends: cycle", TestName = "Invalid_ExtendsCycle")]
    [TestCase("profiles: [1, 2\n", "profiles: invalid YAML at line 2, column 1", TestName = "Invalid_Yaml")]
    [TestCase("other: 1\n", "profiles: missing or not a mapping of profile names", TestName = "Invalid_NoProfilesKey")]
    [TestCase("profiles:\n  p:\n    rules:\n      phone: { operator: mask, keep_last: many }\n", "profiles.p.rules.phone.keep_last: must be an integer from 0 to 64", TestName = "Invalid_KeepLast")]
    public void Load_InvalidProfile_ReportsOneLineNamingTheKey(string yaml, string expected)
    {
        // Arrange / Act
        var result = ProfileLoader.Load(yaml);

        // Assert
        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.Errors, Does.Contain(expected));
    }

    [Test]
    public void GetOrDefault_UnknownOrMissingName_GivesStrictest()
    {
        // Arrange
        var set = RedactionProfileSet.BuiltIn;

        // Act
        var unknown = set.GetOrDefault("no-such-profile");
        var missing = set.GetOrDefault(null);
        var named = set.GetOrDefault("safe_harbor");

        // Assert
        Assert.That(unknown, Is.SameAs(BuiltInProfiles.Strict));
        Assert.That(missing, Is.SameAs(BuiltInProfiles.Strict));
        Assert.That(named, Is.SameAs(BuiltInProfiles.SafeHarbor));
    }

    [Test]
    public void Strict_EveryCategory_Redacted()
    {
        // Arrange / Act
        var rules = BuiltInProfiles.Strict.Rules.ToList();

        // Assert
        Assert.That(rules.Select(r => r.Value.Operator), Is.All.EqualTo(OperatorKind.Redact));
        Assert.That(rules, Has.Count.EqualTo(PhiCategories.Count - 1));
    }
}
