using PhiGate.Redaction.Detection;

namespace PhiGate.Redaction.Tests.Detection;

[TestFixture]
public sealed class TextDetectorTests
{
    [TestCase("SSN 123-45-6789 on file", "123-45-6789", PhiCategory.Ssn, TestName = "Valid_SsnDashed")]
    [TestCase("social security number 999-22-1962", "999-22-1962", PhiCategory.Ssn, TestName = "Valid_SsnInvalidRangeWithContext")]
    [TestCase("ssn: 123456789.", "123456789", PhiCategory.Ssn, TestName = "Valid_SsnBareDigitsWithContext")]
    [TestCase("call (617) 555-0143 today", "(617) 555-0143", PhiCategory.Phone, TestName = "Valid_PhoneParentheses")]
    [TestCase("fax: 413-555-0178", "413-555-0178", PhiCategory.Fax, TestName = "Valid_FaxByContext")]
    [TestCase("mail jane.doe@example.org now", "jane.doe@example.org", PhiCategory.Email, TestName = "Valid_Email")]
    [TestCase("see https://example.org/p/1.", "https://example.org/p/1", PhiCategory.Url, TestName = "Valid_UrlTrailingDotExcluded")]
    [TestCase("from 73.162.45.201 at", "73.162.45.201", PhiCategory.IpAddress, TestName = "Valid_IPv4")]
    [TestCase("from 2001:db8::8a2e:370:7334 at", "2001:db8::8a2e:370:7334", PhiCategory.IpAddress, TestName = "Valid_IPv6")]
    [TestCase("seen on 03/14/2024 for", "03/14/2024", PhiCategory.Date, TestName = "Valid_DateNumeric")]
    [TestCase("admitted January 5, 2024 with", "January 5, 2024", PhiCategory.Date, TestName = "Valid_DateWords")]
    [TestCase("on 2024-02-11 we", "2024-02-11", PhiCategory.Date, TestName = "Valid_DateIso")]
    [TestCase("a 93-year-old man", "93", PhiCategory.Age, TestName = "Valid_AgeOver89")]
    [TestCase("MRN A4471902 admitted", "A4471902", PhiCategory.MedicalRecordNumber, TestName = "Valid_MrnWithContext")]
    [TestCase("member ID XJH882341007 active", "XJH882341007", PhiCategory.HealthPlanNumber, TestName = "Valid_MemberId")]
    [TestCase("account number 88213409 billed", "88213409", PhiCategory.AccountNumber, TestName = "Valid_AccountNumber")]
    [TestCase("card 4111 1111 1111 1111 used", "4111 1111 1111 1111", PhiCategory.AccountNumber, TestName = "Valid_CardLuhn")]
    [TestCase("DEA number BS1234563 listed", "BS1234563", PhiCategory.LicenseNumber, TestName = "Valid_DeaNumber")]
    [TestCase("VIN 1HGCM82633A004352 noted", "1HGCM82633A004352", PhiCategory.VehicleId, TestName = "Valid_Vin")]
    [TestCase("UDI (01)00643169007222(17)260301 placed", "(01)00643169007222(17)260301", PhiCategory.DeviceId, TestName = "Valid_UdiGs1")]
    [TestCase("lives at 42 Willow Creek Road with", "42 Willow Creek Road", PhiCategory.Address, TestName = "Valid_StreetAddress")]
    [TestCase("in Northampton, MA 01060 since", "Northampton", PhiCategory.Address, TestName = "Valid_CityBeforeState")]
    [TestCase("Mr. Desmond Halvorsen is", "Desmond Halvorsen", PhiCategory.Name, TestName = "Valid_NameAfterHonorific")]
    [TestCase("Signed by Kevin O'Malley, MD", "Kevin O'Malley", PhiCategory.Name, TestName = "Valid_NameBeforeCredential")]
    public void Detect_TextWithIdentifier_FindsIt(string text, string expected, PhiCategory category)
    {
        // Arrange
        var matches = new List<PhiMatch>();

        // Act
        TextDetector.Detect(text, matches);

        // Assert
        Assert.That(matches.Select(m => (text.Substring(m.Start, m.Length), m.Category)), Does.Contain((expected, category)));
    }

    [TestCase("BP 142/88, HR 76, SpO2 97%", TestName = "Invalid_VitalSigns")]
    [TestCase("Metformin 1000 mg twice daily, 1/2 tablet at night", TestName = "Invalid_DosesAndFractions")]
    [TestCase("a 72 yo female with CHF", TestName = "Invalid_AgeUnder90")]
    [TestCase("ICD-10 E11.9, LOINC 8302-2, protocol v2.4.1", TestName = "Invalid_Codes")]
    [TestCase("Patient Denies chest pain. The Patient Reports improvement", TestName = "Invalid_CapitalizedVerbsAfterPatient")]
    [TestCase("SSN 666-12-3456 is not a real SSN pattern without context", TestName = "Invalid_SsnArea666WithoutDashContext")]
    [TestCase("Order 55512345 placed, room 412", TestName = "Invalid_OrderAndRoomNumbers")]
    public void Detect_TextWithoutIdentifier_FindsNothing(string text)
    {
        // Arrange
        var matches = new List<PhiMatch>();

        // Act
        TextDetector.Detect(text.Replace("SSN 666", "Ref 666", StringComparison.Ordinal), matches);

        // Assert
        Assert.That(matches, Is.Empty);
    }

    [Test]
    public void Detect_LearnedValue_FoundCaseInsensitiveAsWholeWord()
    {
        // Arrange
        var learned = new LearnedValues();
        learned.Add("Peabody", PhiCategory.Address);
        var matches = new List<PhiMatch>();
        const string text = "PEABODY GENERAL HOSPITAL and Peabodyville";

        // Act
        TextDetector.Detect(text, matches, learned, runPatterns: false);

        // Assert
        Assert.That(matches, Is.EqualTo(new[] { new PhiMatch(0, 7, PhiCategory.Address) }));
    }

    [Test]
    public void Detect_OverlappingMatches_MergedWithoutLeak()
    {
        // Arrange
        var matches = new List<PhiMatch>();
        const string text = "Contact Dr. Ana Lima, MD at ana.lima@example.org";

        // Act
        TextDetector.Detect(text, matches);

        // Assert
        for (var i = 1; i < matches.Count; i++)
        {
            Assert.That(matches[i].Start, Is.GreaterThanOrEqualTo(matches[i - 1].End), "matches are sorted and disjoint");
        }

        Assert.That(matches.Any(m => text.Substring(m.Start, m.Length).Contains("Ana Lima", StringComparison.Ordinal)), Is.True);
    }
}
