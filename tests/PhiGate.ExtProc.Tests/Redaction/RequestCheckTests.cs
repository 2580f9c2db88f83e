using PhiGate.Testing.Envoy;
using PhiGate.Testing.Hosting;

namespace PhiGate.ExtProc.Tests.Redaction;

/// <summary>request_headers: PHI in the URL or headers is refused with 400; sensitive headers are stripped.</summary>
[TestFixture]
public sealed class RequestCheckTests
{
    private TestServer _server = null!;
    private EnvoyDriver _driver = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _server = await TestServer.StartAsync();
        _driver = _server.CreateDriver();
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _driver.Dispose();
        await _server.DisposeAsync();
    }

    private static HttpExchange Get(string path, params KeyValuePair<string, string>[] headers) => new()
    {
        RequestHeaders =
        [
            new(":method", "GET"), new(":path", path), new(":authority", "api.example.org"), new(":scheme", "https"),
            new("x-request-id", "0b7c8f9e-aaaa-4bbb-8ccc-123456789abc"), .. headers,
        ],
        ResponseHeaders = [new(":status", "200")],
    };

    private static KeyValuePair<string, string> H(string name, string value) => new(name, value);

    [TestCase("/fhir/Patient?ssn=123-45-6789", TestName = "Invalid_SsnInQuery")]
    [TestCase("/users/ada.quill%40example.org/records", TestName = "Invalid_EncodedEmailInPath")]
    [TestCase("/fhir/Patient?name=quill", TestName = "Invalid_FhirSearchByName")]
    [TestCase("/fhir/Patient?birthdate=1971-04-12", TestName = "Invalid_FhirSearchByBirthDate")]
    [TestCase("/fhir/Patient?identifier=http://hl7.org/fhir/sid/us-ssn|123456789", TestName = "Invalid_FhirSearchByIdentifier")]
    [TestCase("/lookup?phone=617-555-0143", TestName = "Invalid_PhoneInQuery")]
    public async Task RequestHeaders_PhiInUrl_RefusedWith400(string path)
    {
        // Arrange
        var exchange = Get(path);

        // Act
        var result = await _driver.ProcessAsync(exchange);

        // Assert
        Assert.That((int?)result.ImmediateResponse?.Status.Code, Is.EqualTo(400));
        var body = result.ImmediateResponse!.Body.ToStringUtf8();
        Assert.That(body, Does.Not.Contain("123").And.Not.Contain("quill").And.Not.Contain("617"));
        Assert.That(_server.Logs.Events.Select(e => e.Message), Has.None.Contains("123-45-6789").And.None.Contains("quill"));
    }

    [TestCase("/fhir/Observation?date=ge2024-01-01&code=8302-2", TestName = "Valid_SearchByDateAndCode")]
    [TestCase("/fhir/Patient/6f1c2d3e-0000-4000-8000-000000000001", TestName = "Valid_ReadById")]
    [TestCase("/fhir/metadata", TestName = "Valid_CapabilityStatement")]
    public async Task RequestHeaders_CleanUrl_Passes(string path)
    {
        // Arrange
        var exchange = Get(path);

        // Act
        var result = await _driver.ProcessAsync(exchange);

        // Assert
        Assert.That(result.ImmediateResponse, Is.Null);
    }

    [Test]
    public async Task RequestHeaders_EmailInCustomHeader_RefusedWith400()
    {
        // Arrange
        var exchange = Get("/fhir/metadata", H("x-patient-contact", "ada.quill@example.org"));

        // Act
        var result = await _driver.ProcessAsync(exchange);

        // Assert
        Assert.That((int?)result.ImmediateResponse?.Status.Code, Is.EqualTo(400));
    }

    [Test]
    public async Task RequestHeaders_SsnInRefererQuery_RefusedWith400()
    {
        // Arrange: a referer is scanned as a URL, with its query values decoded.
        var exchange = Get("/fhir/metadata", H("referer", "https://portal.example.org/search?ssn=123%2D45%2D6789"));

        // Act
        var result = await _driver.ProcessAsync(exchange);

        // Assert
        Assert.That((int?)result.ImmediateResponse?.Status.Code, Is.EqualTo(400));
    }

    [Test]
    public async Task RequestHeaders_EmailInUnscannedHeaderThenInCustomHeader_RefusedWith400()
    {
        // Arrange: the skipped authorization header comes first; the scan goes on to the next header.
        var exchange = Get("/fhir/metadata", H("authorization", "Bearer ada.quill@example.org"), H("x-note", "call 555-201-3344"));

        // Act
        var result = await _driver.ProcessAsync(exchange);

        // Assert
        Assert.That((int?)result.ImmediateResponse?.Status.Code, Is.EqualTo(400));
    }

    [Test]
    public async Task RequestHeaders_EmailOnlyInAuthorizationHeader_Passes()
    {
        // Arrange: credentials are not scanned (they are the caller's own and are stripped or checked elsewhere).
        var exchange = Get("/fhir/metadata", H("authorization", "Bearer ada.quill@example.org"));

        // Act
        var result = await _driver.ProcessAsync(exchange);

        // Assert
        Assert.That(result.ImmediateResponse, Is.Null);
    }

    [Test]
    public async Task RequestHeaders_SensitiveHeaders_RemovedBeforeUpstream()
    {
        // Arrange
        var exchange = Get("/fhir/metadata", H("cookie", "session=abc"), H("x-api-key", "k-1"), H("proxy-authorization", "Basic eDp5"), H("accept", "application/fhir+json"));

        // Act
        var result = await _driver.ProcessAsync(exchange);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(result.RequestHeader("cookie"), Is.Null);
            Assert.That(result.RequestHeader("x-api-key"), Is.Null);
            Assert.That(result.RequestHeader("proxy-authorization"), Is.Null);
            Assert.That(result.RequestHeader("accept"), Is.EqualTo("application/fhir+json"));
        });
    }
}
