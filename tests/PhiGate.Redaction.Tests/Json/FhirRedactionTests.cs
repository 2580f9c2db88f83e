using PhiGate.Redaction.Operators;
using PhiGate.Redaction.Profiles;
using static PhiGate.Redaction.Tests.Json.JsonRedactionTestHelper;

namespace PhiGate.Redaction.Tests.Json;

/// <summary>Golden tests: small FHIR documents written for these tests, with the exact expected output.</summary>
[TestFixture]
public sealed class FhirRedactionTests
{
    private const string Patient = """
        {"resourceType":"Patient","id":"p1",
         "text":{"status":"generated","div":"<div xmlns=\"http://www.w3.org/1999/xhtml\">Ada Quill, MRN 55501234</div>"},
         "extension":[{"url":"http://hl7.org/fhir/StructureDefinition/patient-mothersMaidenName","valueString":"Bea Stone"}],
         "identifier":[
           {"type":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v2-0203","code":"MR"}]},"system":"urn:example:mrn","value":"55501234"},
           {"system":"http://hl7.org/fhir/sid/us-ssn","value":"123-45-6789"}],
         "name":[{"use":"official","family":"Quill","given":["Ada","May"],"prefix":["Ms."]}],
         "telecom":[{"system":"phone","value":"555-201-3344","use":"home"},{"system":"email","value":"ada@example.org"}],
         "gender":"female","birthDate":"1930-04-12",
         "address":[{"extension":[{"url":"http://hl7.org/fhir/StructureDefinition/geolocation","extension":[{"url":"latitude","valueDecimal":42.53}]}],
                     "line":["12 Elm Row"],"city":"Salem","state":"MA","postalCode":"03601","country":"US"}],
         "photo":[{"contentType":"image/jpeg","data":"/9j/4AAQSkZJRg=="}],
         "multipleBirthBoolean":false}
        """;

    [Test]
    public void RedactJson_PatientSafeHarbor_RemovesEveryIdentifierKeepsShape()
    {
        // Arrange
        const string expected = """
            {"resourceType":"Patient","id":"p1",
             "text":{"status":"generated","div":"<div xmlns=\"http://www.w3.org/1999/xhtml\">[REDACTED]</div>"},
             "extension":[{"url":"http://hl7.org/fhir/StructureDefinition/patient-mothersMaidenName","valueString":"[NAME]"}],
             "identifier":[
               {"type":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v2-0203","code":"MR"}]},"system":"urn:example:mrn","value":"[MEDICAL_RECORD_NUMBER]"},
               {"system":"http://hl7.org/fhir/sid/us-ssn","value":"[SSN]"}],
             "name":[{"use":"official","family":"[NAME]","given":["[NAME]","[NAME]"],"prefix":["[NAME]"]}],
             "telecom":[{"system":"phone","value":"[PHONE]","use":"home"},{"system":"email","value":"[EMAIL]"}],
             "gender":"female","birthDate":"90+",
             "address":[{"extension":[{"url":"http://hl7.org/fhir/StructureDefinition/geolocation","extension":[{"url":"latitude","valueDecimal":null}]}],
                         "line":["[ADDRESS]"],"city":"[ADDRESS]","state":"MA","postalCode":"000","country":"US"}],
             "photo":[{"contentType":"image/jpeg","data":"[PHOTO]"}],
             "multipleBirthBoolean":false}
            """;

        // Act
        var (result, output) = Redact(Patient, BuiltInProfiles.SafeHarbor);

        // Assert
        Assert.That(result.Status, Is.EqualTo(RedactionStatus.Ok));
        Assert.That(output, Is.EqualTo(Compact(expected)));
        Assert.Multiple(() =>
        {
            Assert.That(result.Counts.Get(PhiCategory.Name), Is.EqualTo(6), "family, 2 given, prefix, maiden name, narrative");
            Assert.That(result.Counts.Get(PhiCategory.Ssn), Is.EqualTo(1));
            Assert.That(result.Counts.Get(PhiCategory.Date), Is.EqualTo(1));
        });
    }

    [Test]
    public void RedactJson_PatientHashProfile_JoinsAcrossDocumentsAndMasks()
    {
        // Arrange
        var loaded = ProfileLoader.Load("""
            profiles:
              research:
                extends: safe_harbor
                hash_key_id: k1
                rules:
                  medical_record_number: hash
                  phone: { operator: mask, keep_last: 4 }
                  name: keep
            """);
        var keys = new PseudonymKeyRing();
        keys.TryAdd("k1", [.. Enumerable.Range(0, 32).Select(i => (byte)i)]);
        var profile = loaded.Profiles.Single();

        // Act
        var (first, output1) = Redact(Patient, profile, keys);
        var (_, output2) = Redact(Patient, profile, keys);

        // Assert
        Assert.That(first.Status, Is.EqualTo(RedactionStatus.Ok));
        Assert.That(output1, Is.EqualTo(output2));
        Assert.That(output1, Does.Contain("\"family\":\"Quill\"").And.Contain("\"value\":\"***-***-3344\"").And.Contain("\"value\":\"hmac:k1:"));
        Assert.That(output1, Does.Not.Contain("55501234").And.Not.Contain("123-45-6789"));
    }

    [Test]
    public void RedactJson_BundleStrict_LearnsPatientValuesForLaterResources()
    {
        // Arrange
        const string bundle = """
            {"resourceType":"Bundle","type":"transaction","entry":[
              {"fullUrl":"urn:uuid:1","resource":{"resourceType":"Patient","name":[{"family":"Varga","given":["Ilona"]}],"address":[{"city":"Lowell"}]}},
              {"fullUrl":"urn:uuid:2","resource":{"resourceType":"Organization","name":"LOWELL GENERAL HOSPITAL","telecom":[{"system":"phone","value":"978-555-0100"}],"identifier":[{"value":"org-77"}]}},
              {"fullUrl":"urn:uuid:3","resource":{"resourceType":"Encounter","subject":{"reference":"urn:uuid:1","display":"Ilona Varga"},
                 "serviceProvider":{"reference":"urn:uuid:2","display":"LOWELL GENERAL HOSPITAL"},
                 "participant":[{"individual":{"reference":"Practitioner?identifier=http://hl7.org/fhir/sid/us-npi|9999912345"}}],
                 "period":{"start":"2020-01-05T10:00:00-05:00"},"identifier":[{"value":"enc-1"}],
                 "reasonCode":[{"coding":[{"code":"44054006","display":"Diabetes"}],"text":"Diabetes"}]}}]}
            """;
        const string expected = """
            {"resourceType":"Bundle","type":"transaction","entry":[
              {"fullUrl":"urn:uuid:1","resource":{"resourceType":"Patient","name":[{"family":"[NAME]","given":["[NAME]"]}],"address":[{"city":"[ADDRESS]"}]}},
              {"fullUrl":"urn:uuid:2","resource":{"resourceType":"Organization","name":"[ADDRESS] GENERAL HOSPITAL","telecom":[{"system":"phone","value":"978-555-0100"}],"identifier":[{"value":"org-77"}]}},
              {"fullUrl":"urn:uuid:3","resource":{"resourceType":"Encounter","subject":{"reference":"urn:uuid:1","display":"[NAME]"},
                 "serviceProvider":{"reference":"urn:uuid:2","display":"[ADDRESS] GENERAL HOSPITAL"},
                 "participant":[{"individual":{"reference":"Practitioner?identifier=http://hl7.org/fhir/sid/us-npi|[LICENSE_NUMBER]"}}],
                 "period":{"start":"[DATE]"},"identifier":[{"value":"[OTHER_ID]"}],
                 "reasonCode":[{"coding":[{"code":"44054006","display":"Diabetes"}],"text":"Diabetes"}]}}]}
            """;

        // Act
        var (result, output) = Redact(bundle, BuiltInProfiles.Strict);

        // Assert
        Assert.That(result.Status, Is.EqualTo(RedactionStatus.Ok));
        Assert.That(output, Is.EqualTo(Compact(expected)));
    }

    [Test]
    public void RedactJson_ConditionalRequestUrls_IdentifierValuesRedacted()
    {
        // Arrange
        const string json = """
            {"resourceType":"Bundle","type":"transaction","link":[{"relation":"self","url":"https://fhir.example.org/Patient?identifier=urn:mrn|M-1234&_count=10"}],
             "entry":[{"request":{"method":"POST","url":"Patient","ifNoneExist":"identifier=http://hl7.org/fhir/sid/us-ssn|123-45-6789"}}]}
            """;

        // Act
        var (result, output) = Redact(json, BuiltInProfiles.SafeHarbor);

        // Assert
        Assert.That(result.Status, Is.EqualTo(RedactionStatus.Ok));
        Assert.That(output, Does.Contain("identifier=urn:mrn|[OTHER_ID]&_count=10").And.Contain("us-ssn|[SSN]").And.Contain("\"url\":\"Patient\""));
        Assert.That(output, Does.Not.Contain("M-1234").And.Not.Contain("123-45-6789"));
    }

    [Test]
    public void RedactJson_ResourceTypeNotFirst_TreatedAsMostSensitive()
    {
        // Arrange
        const string json = """{"name":[{"family":"Varga"}],"telecom":[{"value":"a@b.example"}],"resourceType":"Organization"}""";

        // Act
        var (result, output) = Redact(json, BuiltInProfiles.Strict);

        // Assert
        Assert.That(result.Status, Is.EqualTo(RedactionStatus.Ok));
        Assert.That(output, Is.EqualTo("""{"name":[{"family":"[NAME]"}],"telecom":[{"value":"[EMAIL]"}],"resourceType":"Organization"}"""));
    }

    [Test]
    public void RedactJson_AnnotationAndConclusion_ScannedByDetectors()
    {
        // Arrange
        const string json = """
            {"resourceType":"DiagnosticReport","conclusion":"Reviewed with Dr. Ruth Abend on 02/03/2024.","note":[{"authorString":"Sam Reyes","text":"Call back at 617-555-0188."}],"code":{"text":"CBC"}}
            """;

        // Act
        var (result, output) = Redact(json, BuiltInProfiles.SafeHarbor);

        // Assert
        Assert.That(result.Status, Is.EqualTo(RedactionStatus.Ok));
        Assert.That(output, Is.EqualTo("""{"resourceType":"DiagnosticReport","conclusion":"Reviewed with Dr. [NAME] on 2024.","note":[{"authorString":"[NAME]","text":"Call back at [PHONE]."}],"code":{"text":"CBC"}}"""));
    }
}
