using System.Text;
using Envoy.Extensions.Filters.Http.ExtProc.V3;
using Envoy.Service.ExtProc.V3;
using PhiGate.Testing.Envoy;
using PhiGate.Testing.Hosting;
using BodyMode = Envoy.Extensions.Filters.Http.ExtProc.V3.ProcessingMode.Types.BodySendMode;
using HeaderMode = Envoy.Extensions.Filters.Http.ExtProc.V3.ProcessingMode.Types.HeaderSendMode;

namespace PhiGate.ExtProc.Tests.Redaction;

/// <summary>
/// Request bodies, when Envoy is configured to send them: PhiGate checks the URL and headers only, so a
/// body (a FHIR <c>POST _search</c> or a new resource, which legitimately carry PHI) goes upstream unchanged
/// in every body mode, and the response of the same stream is still redacted.
/// </summary>
[TestFixture]
public sealed class RequestBodyTests
{
    private const string SearchBody = "name=Quill&birthdate=1971-04-12&identifier=123-45-6789";

    private const string Patient = """{"resourceType":"Patient","id":"p1","name":[{"family":"Quill","given":["Ada"]}]}""";

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

    private static HttpExchange Search(bool trailers) => new()
    {
        RequestHeaders =
        [
            new(":method", "POST"), new(":path", "/fhir/Patient/_search"), new(":authority", "api.example.org"), new(":scheme", "https"),
            new("content-type", "application/x-www-form-urlencoded"), new("x-request-id", "0c9e4b7a-6f21-4d3e-8a5b-2f1c0d9e8b7a"),
        ],
        RequestBody = [.. Encoding.UTF8.GetBytes(SearchBody).Chunk(16)],
        RequestTrailers = trailers ? [new("x-checksum", "c0ffee")] : null,
        ResponseHeaders = [new(":status", "200"), new("content-type", "application/fhir+json")],
        ResponseBody = [Encoding.UTF8.GetBytes(Patient)],
    };

    [TestCase(BodyMode.Buffered, false, TestName = "RequestBody_Buffered_PassedUnchanged")]
    [TestCase(BodyMode.BufferedPartial, false, TestName = "RequestBody_BufferedPartial_PassedUnchanged")]
    [TestCase(BodyMode.Streamed, false, TestName = "RequestBody_Streamed_PassedUnchanged")]
    [TestCase(BodyMode.FullDuplexStreamed, false, TestName = "RequestBody_FullDuplex_StreamedBackUnchanged")]
    [TestCase(BodyMode.Buffered, true, TestName = "RequestBody_BufferedWithTrailers_PassedUnchanged")]
    [TestCase(BodyMode.Streamed, true, TestName = "RequestBody_StreamedWithTrailers_PassedUnchanged")]
    [TestCase(BodyMode.FullDuplexStreamed, true, TestName = "RequestBody_FullDuplexWithTrailers_StreamedBackUnchanged")]
    public async Task RequestBody_AnyMode_PassedUnchangedAndResponseStillRedacted(BodyMode mode, bool trailers)
    {
        // Arrange
        var settings = new ExtProcSettings
        {
            Mode = new ProcessingMode
            {
                RequestHeaderMode = HeaderMode.Send,
                ResponseHeaderMode = HeaderMode.Send,
                RequestBodyMode = mode,
                RequestTrailerMode = trailers || mode == BodyMode.FullDuplexStreamed ? HeaderMode.Send : HeaderMode.Default,
                ResponseBodyMode = BodyMode.Buffered,
            },
        };

        // Act
        var result = await _driver.ProcessAsync(Search(trailers), settings);

        // Assert: every request message was answered in order, the body went upstream as sent, and the
        // response was redacted on the same stream.
        Assert.That(result.ImmediateResponse, Is.Null);
        Assert.That(Encoding.UTF8.GetString(result.RequestBody), Is.EqualTo(SearchBody));
        Assert.That(result.Answers.Count(a => a.ResponseCase == ProcessingResponse.ResponseOneofCase.RequestBody), Is.GreaterThanOrEqualTo(1));
        Assert.That(Encoding.UTF8.GetString(result.ResponseBody), Does.Contain("[NAME]").And.Not.Contain("Quill"));
        _server.AssertNoUnexpectedErrors();
    }

    [Test]
    public async Task RequestBody_PhiInUrlWithBody_RefusedAndBodyNeverAnswered()
    {
        // Arrange: the query carries an SSN; Envoy would send the body next, but the stream is over.
        var exchange = Search(trailers: false);
        exchange.RequestHeaders[1] = new(":path", "/fhir/Patient?identifier=123-45-6789");
        var settings = new ExtProcSettings
        {
            Mode = new ProcessingMode { RequestHeaderMode = HeaderMode.Send, RequestBodyMode = BodyMode.Streamed, ResponseHeaderMode = HeaderMode.Send },
        };

        // Act
        var result = await _driver.ProcessAsync(exchange, settings);

        // Assert
        Assert.That(result.ImmediateResponse?.Status.Code, Is.EqualTo(global::Envoy.Type.V3.StatusCode.BadRequest));
        Assert.That(result.Answers.Any(a => a.ResponseCase == ProcessingResponse.ResponseOneofCase.RequestBody), Is.False);
    }
}
