using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Envoy.Config.Core.V3;
using Envoy.Extensions.Filters.Http.ExtProc.V3;
using Envoy.Service.ExtProc.V3;
using Google.Protobuf.WellKnownTypes;
using PhiGate.Testing.Envoy;
using PhiGate.Testing.Hosting;
using BodyMode = Envoy.Extensions.Filters.Http.ExtProc.V3.ProcessingMode.Types.BodySendMode;
using HeaderMode = Envoy.Extensions.Filters.Http.ExtProc.V3.ProcessingMode.Types.HeaderSendMode;

namespace PhiGate.ExtProc.Tests.Redaction;

/// <summary>
/// Redactable responses under Envoy's streaming body modes (STREAMED, FULL_DUPLEX_STREAMED, and
/// BUFFERED_PARTIAL), driven as Envoy drives them over a real gRPC socket: the redacted document reaches the
/// client whole, or nothing does.
/// </summary>
[TestFixture]
public sealed class StreamedResponseTests
{
    private const string Patient = """
        {"resourceType":"Patient","id":"p1","name":[{"family":"Quill","given":["Ada"]}],
         "identifier":[{"system":"http://hl7.org/fhir/sid/us-ssn","value":"123-45-6789"}],
         "telecom":[{"system":"phone","value":"555-201-3344"}],"birthDate":"1971-04-12",
         "address":[{"line":["12 Elm Row"],"city":"Salem","state":"MA","postalCode":"01970"}]}
        """;

    private static readonly string[] PhiValues = ["Quill", "123-45-6789", "555-201-3344", "1971-04-12", "12 Elm Row", "Salem"];

    private TestServer _server = null!;
    private EnvoyDriver _driver = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _server = await TestServer.StartAsync(new Dictionary<string, string?> { ["extproc:max_body_bytes"] = "65536" });
        _driver = _server.CreateDriver();
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _driver.Dispose();
        await _server.DisposeAsync();
    }

    private static ExtProcSettings Settings(BodyMode body, HeaderMode trailers = HeaderMode.Default, bool allowOverride = true, bool sendBodyWithoutWaiting = false) => new()
    {
        AllowModeOverride = allowOverride,
        SendBodyWithoutWaitingForHeaderResponse = sendBodyWithoutWaiting,
        Mode = new ProcessingMode
        {
            RequestHeaderMode = HeaderMode.Send,
            ResponseHeaderMode = HeaderMode.Send,
            ResponseBodyMode = body,
            ResponseTrailerMode = trailers,
        },
    };

    /// <summary>The response split into chunks of at most <paramref name="chunkSize"/> bytes, without content-length (chunked upstream).</summary>
    private static HttpExchange Chunked(byte[] body, int chunkSize, List<KeyValuePair<string, string>>? trailers = null, string? encoding = null)
    {
        var metadata = new Metadata();
        var authz = new Struct();
        authz.Fields["phigate.redaction_profile"] = Value.ForString("safe_harbor");
        metadata.FilterMetadata["envoy.filters.http.ext_authz"] = authz;
        var exchange = new HttpExchange
        {
            RequestHeaders =
            [
                new(":method", "GET"), new(":path", "/fhir/Patient/p1"), new(":authority", "api.example.org"), new(":scheme", "https"),
                new("x-request-id", "5b1f7c2e-0a64-4d8b-b1f3-9e2d7c6a5b40"),
            ],
            ResponseHeaders = [new(":status", "200"), new("content-type", "application/fhir+json")],
            ResponseBody = [.. body.Chunk(chunkSize)],
            ResponseTrailers = trailers,
            MetadataContext = metadata,
        };
        if (encoding is not null)
        {
            exchange.ResponseHeaders.Add(new("content-encoding", encoding));
        }

        return exchange;
    }

    private static void AssertRedactedPatient(byte[] body)
    {
        var text = Encoding.UTF8.GetString(body);
        Assert.That(PhiValues.Where(text.Contains), Is.Empty, "PHI reached the client");
        using var document = JsonDocument.Parse(body);
        Assert.That(document.RootElement.GetProperty("resourceType").GetString(), Is.EqualTo("Patient"));
        Assert.That(text, Does.Contain("\"family\":\"[NAME]\""));
    }

    private static IEnumerable<ProcessingResponse> BodyAnswers(ExchangeResult result) =>
        result.Answers.Where(a => a.ResponseCase == ProcessingResponse.ResponseOneofCase.ResponseBody);

    [TestCase(false, TestName = "ResponseBody_Streamed_RedactedDocumentInLastAnswer")]
    [TestCase(true, TestName = "ResponseBody_StreamedSendingBodyWithoutWaiting_RedactedDocumentInLastAnswer")]
    public async Task ResponseBody_Streamed_EarlierChunksClearedAndWholeRedactedDocumentLast(bool sendBodyWithoutWaiting)
    {
        // Arrange
        var exchange = Chunked(Encoding.UTF8.GetBytes(Patient), 64);
        var settings = Settings(BodyMode.Streamed, sendBodyWithoutWaiting: sendBodyWithoutWaiting);

        // Act
        var result = await _driver.ProcessAsync(exchange, settings);

        // Assert: the mode was kept (no override), one answer per chunk, all but the last cleared.
        Assert.That(result.Answers.Single(a => a.ResponseCase == ProcessingResponse.ResponseOneofCase.ResponseHeaders).ModeOverride, Is.Null);
        var answers = BodyAnswers(result).ToList();
        Assert.That(answers, Has.Count.EqualTo(exchange.ResponseBody.Count));
        Assert.That(answers.SkipLast(1).Select(a => a.ResponseBody.Response.BodyMutation.MutationCase), Is.All.EqualTo(BodyMutation.MutationOneofCase.ClearBodyFlag));
        AssertRedactedPatient(result.ResponseBody);
        Assert.That(result.Header("content-length"), Is.Null);
        _server.AssertNoUnexpectedErrors();
    }

    [Test]
    public async Task ResponseBody_StreamedGzip_DecodedRedactedReencoded()
    {
        // Arrange
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(Patient));
        }

        var exchange = Chunked(compressed.ToArray(), 50, encoding: "gzip");

        // Act
        var result = await _driver.ProcessAsync(exchange, Settings(BodyMode.Streamed));

        // Assert
        using var input = new MemoryStream(result.ResponseBody);
        using var decompressor = new GZipStream(input, CompressionMode.Decompress);
        using var plain = new MemoryStream();
        decompressor.CopyTo(plain);
        AssertRedactedPatient(plain.ToArray());
    }

    [Test]
    public async Task ResponseBody_StreamedOverLimit_StreamResetWithNothingForwarded()
    {
        // Arrange: 80 KB of JSON in 8 KB chunks, no content-length, over the 64 KiB limit.
        var filler = "{\"resourceType\":\"Bundle\",\"entry\":[" + string.Join(',', Enumerable.Repeat(Patient.ReplaceLineEndings(string.Empty), 260)) + "]}";
        var body = Encoding.UTF8.GetBytes(filler);
        Assume.That(body.Length, Is.GreaterThan(65536));
        var exchange = Chunked(body, 8192);

        // Act
        var result = await _driver.ProcessAsync(exchange, Settings(BodyMode.Streamed));

        // Assert: headers went downstream already, so Envoy resets; every chunk before was cleared.
        Assert.That(result.StreamReset, Is.True);
        Assert.That(result.ResponseBody, Is.Empty);
    }

    [Test]
    public async Task ResponseBody_StreamedThenTrailers_StreamResetWithNothingForwarded()
    {
        // Arrange: no chunk carries end_of_stream, and Envoy sends trailers only after every chunk was answered.
        var exchange = Chunked(Encoding.UTF8.GetBytes(Patient), 64, trailers: [new("x-checksum", "c0ffee")]);

        // Act
        var result = await _driver.ProcessAsync(exchange, Settings(BodyMode.Streamed, trailers: HeaderMode.Send));

        // Assert
        Assert.That(result.StreamReset, Is.True);
        Assert.That(result.ResponseBody, Is.Empty);
    }

    [Test]
    public async Task ResponseBody_StreamedTrailersSkipped_BodyWithheldAndLogged()
    {
        // Arrange: trailers exist but are not sent to ext_proc, so Envoy never marks a chunk as the last.
        var exchange = Chunked(Encoding.UTF8.GetBytes(Patient), 64, trailers: [new("x-checksum", "c0ffee")]);

        // Act
        var result = await _driver.ProcessAsync(exchange, Settings(BodyMode.Streamed, trailers: HeaderMode.Skip));

        // Assert: nothing was released; the server says why once the stream ended.
        Assert.That(result.ResponseBody, Is.Empty);
        Assert.That(() => _server.Logs.Events.Any(e => e.EventId.Name == "BodyWithheld"), Is.True.After(5000, 50));
    }

    [Test]
    public async Task ResponseBody_FullDuplex_RedactedDocumentStreamedBackWithEndOfStream()
    {
        // Arrange
        var exchange = Chunked(Encoding.UTF8.GetBytes(Patient), 64);

        // Act
        var result = await _driver.ProcessAsync(exchange, Settings(BodyMode.FullDuplexStreamed, trailers: HeaderMode.Send, allowOverride: false));

        // Assert: held chunks answered with empty data; the last answer carries the document and end_of_stream.
        var answers = BodyAnswers(result).Select(a => a.ResponseBody.Response.BodyMutation.StreamedResponse).ToList();
        Assert.That(answers.SkipLast(1).Select(a => a.Body.Length), Is.All.EqualTo(0));
        Assert.That(answers[^1].EndOfStream, Is.True);
        Assert.That(result.ImmediateResponse, Is.Null);
        AssertRedactedPatient(result.ResponseBody);
        _server.AssertNoUnexpectedErrors();
    }

    [Test]
    public async Task ResponseBody_FullDuplexWithTrailers_DocumentStreamedBeforeTrailersAnswer()
    {
        // Arrange
        var exchange = Chunked(Encoding.UTF8.GetBytes(Patient), 64, trailers: [new("x-checksum", "c0ffee")]);

        // Act
        var result = await _driver.ProcessAsync(exchange, Settings(BodyMode.FullDuplexStreamed, trailers: HeaderMode.Send, allowOverride: false));

        // Assert: the document went out without end_of_stream (trailers follow), then the trailers answer.
        var last = result.Answers.SkipWhile(a => a.ResponseCase != ProcessingResponse.ResponseOneofCase.ResponseBody).ToList();
        Assert.That(last[^1].ResponseCase, Is.EqualTo(ProcessingResponse.ResponseOneofCase.ResponseTrailers));
        Assert.That(last[^2].ResponseBody.Response.BodyMutation.StreamedResponse.EndOfStream, Is.False);
        AssertRedactedPatient(result.ResponseBody);
    }

    [Test]
    public async Task ResponseBody_FullDuplexOverLimit_StreamResetWithNothingForwarded()
    {
        // Arrange
        var filler = "{\"resourceType\":\"Bundle\",\"entry\":[" + string.Join(',', Enumerable.Repeat(Patient.ReplaceLineEndings(string.Empty), 260)) + "]}";
        var exchange = Chunked(Encoding.UTF8.GetBytes(filler), 8192);

        // Act
        var result = await _driver.ProcessAsync(exchange, Settings(BodyMode.FullDuplexStreamed, trailers: HeaderMode.Send, allowOverride: false));

        // Assert
        Assert.That(result.StreamReset, Is.True);
        Assert.That(result.ResponseBody, Is.Empty);
    }

    [Test]
    public async Task ResponseBody_BufferedPartialWithoutOverride_CutBodyFailsClosed()
    {
        // Arrange: without the override Envoy stays in BUFFERED_PARTIAL; a body message without end_of_stream
        // may have been cut at Envoy's buffer limit (here trailers follow, which looks the same on the wire).
        var exchange = Chunked(Encoding.UTF8.GetBytes(Patient), 1 << 20, trailers: [new("x-checksum", "c0ffee")]);

        // Act
        var result = await _driver.ProcessAsync(exchange, Settings(BodyMode.BufferedPartial, trailers: HeaderMode.Send, allowOverride: false));

        // Assert: Envoy still holds the headers in BUFFERED_PARTIAL, so the client gets the 502 local reply.
        Assert.That(result.ImmediateResponse?.Status.Code, Is.EqualTo(global::Envoy.Type.V3.StatusCode.BadGateway));
        Assert.That(result.StreamReset, Is.False);
    }

    [Test]
    public async Task ResponseBody_BufferedPartialWithOverride_RedactedWhole()
    {
        // Arrange
        var exchange = Chunked(Encoding.UTF8.GetBytes(Patient), 64);

        // Act
        var result = await _driver.ProcessAsync(exchange, Settings(BodyMode.BufferedPartial));

        // Assert: asked for BUFFERED, got the body in one message, answered with the redacted document.
        Assert.That(result.Answers.Single(a => a.ResponseCase == ProcessingResponse.ResponseOneofCase.ResponseHeaders).ModeOverride.ResponseBodyMode, Is.EqualTo(BodyMode.Buffered));
        Assert.That(BodyAnswers(result).Count(), Is.EqualTo(1));
        AssertRedactedPatient(result.ResponseBody);
    }

    [Test]
    public async Task ResponseBody_ObservabilityModeStreamed_NoAnswersAndStreamEndsCleanly()
    {
        // Arrange
        var exchange = Chunked(Encoding.UTF8.GetBytes(Patient), 64);
        var settings = new ExtProcSettings { ObservabilityMode = true, Mode = Settings(BodyMode.Streamed).Mode };

        // Act
        var result = await _driver.ProcessAsync(exchange, settings);

        // Assert
        Assert.That(result.Answers, Is.Empty);
        Assert.That(result.Sent.Count(m => m.RequestCase == ProcessingRequest.RequestOneofCase.ResponseBody), Is.EqualTo(exchange.ResponseBody.Count));
    }
}
