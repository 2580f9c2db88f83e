using System.Buffers;
using System.Text;
using PhiGate.Redaction.Profiles;
using static PhiGate.Redaction.Tests.Json.JsonRedactionTestHelper;

namespace PhiGate.Redaction.Tests.Json;

[TestFixture]
public sealed class GenericJsonRedactionTests
{
    [Test]
    public void RedactJson_GenericFieldNames_RedactedByNameAndValue()
    {
        // Arrange
        const string json = """
            {"first_name":"Nora","LastName":"Ives","contact":{"e-mail":"nora@example.org","phoneNumber":"617-555-0111"},
             "ssn":123456789,"age":94,"zip":"02139","notes":"Seen 03/02/2024, SSN 123-45-6789","count":3,"ok":true,"tags":["a","b"],"nothing":null,
             "comment":"visit \"follow-up\" \u00e9t\u00e9"}
            """;
        const string expected = """
            {"first_name":"[NAME]","LastName":"[NAME]","contact":{"e-mail":"[EMAIL]","phoneNumber":"[PHONE]"},
             "ssn":null,"age":"90+","zip":"021","notes":"Seen 2024, SSN [SSN]","count":3,"ok":true,"tags":["a","b"],"nothing":null,
             "comment":"visit \"follow-up\" été"}
            """;

        // Act
        var (result, output) = Redact(json, BuiltInProfiles.SafeHarbor);

        // Assert
        Assert.That(result.Status, Is.EqualTo(RedactionStatus.Ok));
        Assert.That(output, Is.EqualTo(Compact(expected)));
    }

    [Test]
    public void RedactJson_NestedNameAndAddressObjects_EveryPartRedacted()
    {
        // Arrange
        const string json = """{"name":{"first":"Nora","last":"Ives","use":"official"},"address":{"street1":"12 Elm Row","state":"MA","type":"home"}}""";

        // Act
        var (result, output) = Redact(json, BuiltInProfiles.Strict);

        // Assert
        Assert.That(result.Status, Is.EqualTo(RedactionStatus.Ok));
        Assert.That(output, Is.EqualTo("""{"name":{"first":"[NAME]","last":"[NAME]","use":"official"},"address":{"street1":"[ADDRESS]","state":"MA","type":"home"}}"""));
    }

    [TestCase("{\"a\":", TestName = "Invalid_Truncated")]
    [TestCase("{\"a\":1}}", TestName = "Invalid_TrailingBrace")]
    [TestCase("", TestName = "Invalid_Empty")]
    [TestCase("{'a':1}", TestName = "Invalid_SingleQuotes")]
    [TestCase("{\"a\":1,}", TestName = "Invalid_TrailingComma")]
    public void RedactJson_MalformedInput_InvalidJsonWithoutException(string json)
    {
        // Arrange / Act
        var (result, _) = Redact(json, BuiltInProfiles.Strict);

        // Assert
        Assert.That(result.Status, Is.EqualTo(RedactionStatus.InvalidJson));
    }

    [Test]
    public void RedactJson_InvalidUtf8_InvalidJson()
    {
        // Arrange
        byte[] json = [(byte)'{', (byte)'"', (byte)'a', (byte)'"', (byte)':', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)'}'];
        var output = new ArrayBufferWriter<byte>();

        // Act
        var result = new PhiRedactor().RedactJson(json, output, BuiltInProfiles.Strict);

        // Assert
        Assert.That(result.Status, Is.EqualTo(RedactionStatus.InvalidJson));
    }

    [Test]
    public void RedactJson_TooDeep_TooDeepStatus()
    {
        // Arrange
        var json = new string('[', 200) + new string(']', 200);

        // Act
        var (result, _) = Redact(json, BuiltInProfiles.Strict);

        // Assert
        Assert.That(result.Status, Is.EqualTo(RedactionStatus.TooDeep));
    }

    [Test]
    public async Task RedactJsonAsync_LargeBundleInSmallChunks_SameAsSpanRedaction()
    {
        // Arrange
        var entries = string.Join(",", Enumerable.Range(0, 3000).Select(i =>
            "{\"resource\":{\"resourceType\":\"Patient\",\"id\":\"p" + i + "\",\"name\":[{\"family\":\"Fam" + i + "\",\"given\":[\"Giv\"]}],\"birthDate\":\"1980-01-0" + (i % 9 + 1)
            + "\",\"text\":{\"div\":\"<div>Mr. Fam" + i + " called 617-555-01" + (i % 90 + 10) + "</div>\"}}}"));
        var json = Encoding.UTF8.GetBytes($$"""{"resourceType":"Bundle","entry":[{{entries}}]}""");
        var spanOutput = new ArrayBufferWriter<byte>();
        var redactor = new PhiRedactor();
        var expected = redactor.RedactJson(json, spanOutput, BuiltInProfiles.SafeHarbor);
        using var input = new TrickleStream(json, chunk: 1000);
        using var output = new MemoryStream();

        // Act
        var result = await redactor.RedactJsonAsync(input, output, BuiltInProfiles.SafeHarbor);

        // Assert
        Assert.That(result.Status, Is.EqualTo(RedactionStatus.Ok));
        Assert.That(expected.Status, Is.EqualTo(RedactionStatus.Ok));
        Assert.That(output.ToArray(), Is.EqualTo(spanOutput.WrittenSpan.ToArray()));
        Assert.That(result.Counts.Get(PhiCategory.Name), Is.EqualTo(expected.Counts.Get(PhiCategory.Name)).And.GreaterThanOrEqualTo(6000));
    }

    [Test]
    public async Task RedactJsonAsync_OverLimit_TooLarge()
    {
        // Arrange
        var json = Encoding.UTF8.GetBytes("{\"notes\":\"" + new string('x', 10_000) + "\"}");
        using var input = new MemoryStream(json);
        using var output = new MemoryStream();

        // Act
        var result = await new PhiRedactor().RedactJsonAsync(input, output, BuiltInProfiles.Strict, maxBytes: 1000);

        // Assert
        Assert.That(result.Status, Is.EqualTo(RedactionStatus.TooLarge));
    }

    [Test]
    public void RedactText_PlainText_DetectorsApplied()
    {
        // Arrange
        var output = new ArrayBufferWriter<byte>();
        var text = Encoding.UTF8.GetBytes("Pt Jo Vance, email jo@example.org, seen 4/2/2024.");

        // Act
        var result = new PhiRedactor().RedactText(text, output, BuiltInProfiles.SafeHarbor);

        // Assert
        Assert.That(result.Status, Is.EqualTo(RedactionStatus.Ok));
        Assert.That(Encoding.UTF8.GetString(output.WrittenSpan), Is.EqualTo("Pt [NAME], email [EMAIL], seen 2024."));
    }

    [TestCase("application/json", ExpectedResult = BodyFormat.Json, TestName = "Valid_Json")]
    [TestCase("application/fhir+json; charset=utf-8", ExpectedResult = BodyFormat.Json, TestName = "Valid_FhirJson")]
    [TestCase("TEXT/PLAIN", ExpectedResult = BodyFormat.Text, TestName = "Valid_TextUpperCase")]
    [TestCase("application/xml", ExpectedResult = BodyFormat.Unsupported, TestName = "Invalid_Xml")]
    [TestCase("image/png", ExpectedResult = BodyFormat.Unsupported, TestName = "Invalid_Image")]
    public BodyFormat FromContentType_Cases_MapsMediaType(string contentType) => BodyFormats.FromContentType(contentType);

    /// <summary>A stream that returns at most <c>chunk</c> bytes per read, to cut tokens at chunk boundaries.</summary>
    private sealed class TrickleStream(byte[] data, int chunk) : MemoryStream(data)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, chunk));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, chunk)], cancellationToken);
    }
}
