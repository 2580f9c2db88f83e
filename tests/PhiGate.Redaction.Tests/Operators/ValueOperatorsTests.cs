using PhiGate.Redaction.Operators;
using PhiGate.Redaction.Profiles;

namespace PhiGate.Redaction.Tests.Operators;

[TestFixture]
public sealed class ValueOperatorsTests
{
    private static readonly byte[] Key = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];

    private static string Apply(string value, PhiCategory category, CategoryRule rule, PseudonymKeyRing? keys = null, string? keyId = null, bool birthDate = false, int year = 2026)
    {
        var profile = new RedactionProfile("t", new Dictionary<PhiCategory, CategoryRule> { [category] = rule }, keyId);
        var context = new OperatorContext(profile, keys ?? PseudonymKeyRing.Empty, year, birthDate);
        var buffer = new char[ValueOperators.MaxOutput(value.Length)];
        var written = ValueOperators.Apply(value, category, rule, context, buffer);
        return new string(buffer, 0, written);
    }

    [Test]
    public void Apply_Redact_WritesCategoryMarker()
    {
        // Arrange / Act
        var result = Apply("Jane", PhiCategory.Name, CategoryRule.Redact);

        // Assert
        Assert.That(result, Is.EqualTo("[NAME]"));
    }

    [Test]
    public void Apply_MaskKeepLast4_KeepsSeparatorsAndLastDigits()
    {
        // Arrange / Act
        var result = Apply("555-978-4581", PhiCategory.Phone, new CategoryRule(OperatorKind.Mask, 4));

        // Assert
        Assert.That(result, Is.EqualTo("***-***-4581"));
    }

    [Test]
    public void Apply_Hash_SameInputSamePseudonymAcrossFormatting()
    {
        // Arrange
        var keys = new PseudonymKeyRing();
        keys.TryAdd("k1", Key);
        var rule = new CategoryRule(OperatorKind.Hash);

        // Act
        var first = Apply("999-22-1962", PhiCategory.Ssn, rule, keys, "k1");
        var second = Apply("999 22 1962", PhiCategory.Ssn, rule, keys, "k1");
        var other = Apply("999-22-1963", PhiCategory.Ssn, rule, keys, "k1");

        // Assert
        Assert.That(first, Does.StartWith("hmac:k1:").And.Length.EqualTo("hmac:k1:".Length + 24));
        Assert.That(second, Is.EqualTo(first));
        Assert.That(other, Is.Not.EqualTo(first));
    }

    [Test]
    public void Apply_HashWithoutKey_FailsClosedToMarker()
    {
        // Arrange / Act
        var result = Apply("999-22-1962", PhiCategory.Ssn, new CategoryRule(OperatorKind.Hash), keyId: "missing");

        // Assert
        Assert.That(result, Is.EqualTo("[SSN]"));
    }

    [Test]
    public void TryAdd_ShortKey_Refused()
    {
        // Arrange
        var keys = new PseudonymKeyRing();

        // Act
        var added = keys.TryAdd("k1", new byte[16]);

        // Assert
        Assert.That(added, Is.False);
    }

    [TestCase("1956-08-03", false, ExpectedResult = "1956", TestName = "Valid_DateToYear")]
    [TestCase("2019-03-01T10:00:00Z", false, ExpectedResult = "2019", TestName = "Valid_DateTimeToYear")]
    [TestCase("03/14/2024", false, ExpectedResult = "2024", TestName = "Valid_UsDateToYear")]
    [TestCase("5/9/24", false, ExpectedResult = "2024", TestName = "Valid_TwoDigitYear")]
    [TestCase("1931-02-03", true, ExpectedResult = "90+", TestName = "Valid_BirthDateOver89")]
    [TestCase("March 3", false, ExpectedResult = "[DATE]", TestName = "Invalid_NoYearToMarker")]
    public string Apply_GeneralizeDate_KeepsOnlyYear(string value, bool birthDate) =>
        Apply(value, PhiCategory.Date, new CategoryRule(OperatorKind.Generalize), birthDate: birthDate);

    [TestCase("01940", ExpectedResult = "019", TestName = "Valid_ZipKeeps3")]
    [TestCase("03601-1234", ExpectedResult = "000", TestName = "Valid_RestrictedPrefix036")]
    [TestCase("89301", ExpectedResult = "000", TestName = "Valid_RestrictedPrefix893")]
    [TestCase("SW1A 1AA", ExpectedResult = "[POSTAL_CODE]", TestName = "Invalid_NonUsPostcodeToMarker")]
    public string Apply_GeneralizeZip_Keeps3OrZeroes(string value) =>
        Apply(value, PhiCategory.PostalCode, new CategoryRule(OperatorKind.Generalize));

    [TestCase("93", ExpectedResult = "90+", TestName = "Valid_AgeOver89")]
    [TestCase("72", ExpectedResult = "72", TestName = "Valid_AgeKept")]
    public string Apply_GeneralizeAge_TopCodesAt90(string value) =>
        Apply(value, PhiCategory.Age, new CategoryRule(OperatorKind.Generalize));
}
