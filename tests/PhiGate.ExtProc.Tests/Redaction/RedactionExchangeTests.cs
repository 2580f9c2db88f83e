using System.IO.Compression;
using System.Text;
using Envoy.Config.Core.V3;
using Envoy.Extensions.Filters.Http.ExtProc.V3;
using Google.Protobuf.WellKnownTypes;
using PhiGate.Testing.Envoy;
using PhiGate.Testing.Hosting;

namespace PhiGate.ExtProc.Tests.Redaction;

/// <summary>
/// The redaction handler driven exactly as Envoy drives ext_proc, against a real PhiGate host over a real
/// gRPC socket. Documents are small ones written for these tests.
/// </summary>
[TestFixture]
public sealed class RedactionExchangeTests
{
    private const string Patient = """
        {"resourceType":"Patient","id":"p1","name":[{"family":"Quill","given":["Ada"]}],
         "identifier":[{"system":"http://hl7.org/fhir/sid/us-ssn","value":"123-45-6789"}],
         "telecom":[{"system":"phone","value":"555-201-3344"}],"birthDate":"1971-04-12",
         "address":[{"line":["12 Elm Row"],"city":"Salem","state":"MA","postalCode":"01970"}]}
        """;

    private TestServer _server = null!;
    private EnvoyDriver _driver = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _server = await TestServer.StartAsync(new Dictionary<string, string?>
        {
            ["extproc:max_body_bytes"] = "65536",
        });
        _driver = _server.CreateDriver();
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _driver.Dispose();
        await _server.DisposeAsync();
    }

    private static Metadata Profile(string name)
    {
        var metadata = new Metadata();
        var authz = new Struct();
        authz.Fields["phigate.redaction_profile"] = Value.ForString(name);
        metadata.FilterMetadata["envoy.filters.http.ext_authz"] = authz;
        return metadata;
    }

    private static HttpExchange Exchange(byte[] body, Metadata? metadata = null, string contentType = "application/fhir+json", string? encoding = null, string path = "/fhir/Patient/p1")
    {
        var exchange = HttpExchange.JsonResponse(body, path, contentType);
        var withMetadata = new HttpExchange
        {
            RequestHeaders = exchange.RequestHeaders,
            ResponseHeaders = [.. exchange.ResponseHeaders, new("server", "upstream/1.0"), new("x-powered-by", "framework")],
            ResponseBody = exchange.ResponseBody,
            MetadataContext = metadata,
        };
        if (encoding is not null)
        {
            withMetadata.ResponseHeaders.Add(new("content-encoding", encoding));
        }

        return withMetadata;
    }

    [Test]
    public async Task ResponseBody_SafeHarborProfile_RedactedWithContentLengthFixed()
    {
        // Arrange
        var exchange = Exchange(Encoding.UTF8.GetBytes(Patient), Profile("safe_harbor"));

        // Act
        var result = await _driver.ProcessAsync(exchange);

        // Assert
        var body = Encoding.UTF8.GetString(result.ResponseBody);
        Assert.That(result.ImmediateResponse, Is.Null);
        Assert.That(body, Does.Contain("\"family\":\"[NAME]\"").And.Contain("\"birthDate\":\"1971\"").And.Contain("\"postalCode\":\"019\""));
        Assert.That(body, Does.Not.Contain("Quill").And.Not.Contain("123-45-6789").And.Not.Contain("555-201-3344").And.Not.Contain("Salem"));
        Assert.That(result.Header("content-length"), Is.EqualTo(result.ResponseBody.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        _server.AssertNoUnexpectedErrors();
    }

    [Test]
    public async Task ResponseBody_NoProfileInMetadata_StrictestProfileApplied()
    {
        // Arrange
        var exchange = Exchange(Encoding.UTF8.GetBytes(Patient));

        // Act
        var result = await _driver.ProcessAsync(exchange);

        // Assert
        var body = Encoding.UTF8.GetString(result.ResponseBody);
        Assert.That(body, Does.Contain("\"birthDate\":\"[DATE]\"").And.Contain("\"postalCode\":\"[POSTAL_CODE]\""));
    }

    [Test]
    public async Task ResponseBody_UnknownProfileName_StrictestProfileApplied()
    {
        // Arrange
        var exchange = Exchange(Encoding.UTF8.GetBytes(Patient), Profile("no-such-profile"));

        // Act
        var result = await _driver.ProcessAsync(exchange);

        // Assert
        Assert.That(Encoding.UTF8.GetString(result.ResponseBody), Does.Contain("\"birthDate\":\"[DATE]\""));
        Assert.That(_server.Logs.Events.Any(e => e.EventId.Name == "UnknownRedactionProfile"), Is.True);
    }

    [TestCase("gzip", TestName = "Valid_Gzip")]
    [TestCase("deflate", TestName = "Valid_Deflate")]
    public async Task ResponseBody_CompressedBody_DecodedRedactedReencoded(string encoding)
    {
        // Arrange
        using var compressed = new MemoryStream();
        using (Stream compressor = encoding == "gzip" ? new GZipStream(compressed, CompressionLevel.Fastest, true) : new ZLibStream(compressed, CompressionLevel.Fastest, true))
        {
            compressor.Write(Encoding.UTF8.GetBytes(Patient));
        }

        var exchange = Exchange(compressed.ToArray(), Profile("safe_harbor"), encoding: encoding);

        // Act
        var result = await _driver.ProcessAsync(exchange);

        // Assert
        using var input = new MemoryStream(result.ResponseBody);
        using Stream decompressor = encoding == "gzip" ? new GZipStream(input, CompressionMode.Decompress) : new ZLibStream(input, CompressionMode.Decompress);
        using var reader = new StreamReader(decompressor, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        Assert.That(body, Does.Contain("\"family\":\"[NAME]\"").And.Not.Contain("Quill"));
        Assert.That(result.Header("content-encoding"), Is.EqualTo(encoding));
        Assert.That(result.Header("content-length"), Is.EqualTo(result.ResponseBody.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    [TestCase("br", TestName = "Invalid_BrotliEncoding")]
    [TestCase("zstd", TestName = "Invalid_ZstdEncoding")]
    public async Task ResponseHeaders_UnreadableEncoding_FailsClosedWith502(string encoding)
    {
        // Arrange
        var exchange = Exchange(Encoding.UTF8.GetBytes(Patient), Profile("safe_harbor"), encoding: encoding);

        // Act
        var result = await _driver.ProcessAsync(exchange);

        // Assert
        Assert.That(result.ImmediateResponse, Is.Not.Null);
        Assert.That((int)result.ImmediateResponse!.Status.Code, Is.EqualTo(502));
        Assert.That(result.ImmediateResponse.Body.ToStringUtf8(), Does.Not.Contain("Quill"));
    }

    [Test]
    public async Task ResponseBody_CorruptGzip_FailsClosedWith502()
    {
        // Arrange
        var exchange = Exchange(Encoding.UTF8.GetBytes(Patient), Profile("safe_harbor"), encoding: "gzip");

        // Act
        var result = await _driver.ProcessAsync(exchange);

        // Assert
        Assert.That((int?)result.ImmediateResponse?.Status.Code, Is.EqualTo(502));
    }

    [Test]
    public async Task ResponseBody_InvalidJson_FailsClosedWith502()
    {
        // Arrange
        var exchange = Exchange(Encoding.UTF8.GetBytes("{\"name\":\"Ada Quill\", oops"), Profile("safe_harbor"));

        // Act
        var result = await _driver.ProcessAsync(exchange);

        // Assert
        Assert.That((int?)result.ImmediateResponse?.Status.Code, Is.EqualTo(502));
        Assert.That(result.ImmediateResponse!.Body.ToStringUtf8(), Does.Not.Contain("Ada"));
        Assert.That(_server.Logs.Events.Select(e => e.Message), Has.None.Contains("Quill"));
    }

    [Test]
    public async Task ResponseBody_OverConfiguredLimit_FailsClosedWith502()
    {
        // Arrange
        var big = Encoding.UTF8.GetBytes("{\"notes\":\"" + new string('x', 70_000) + "\"}");
        var exchange = Exchange(big, Profile("safe_harbor"));

        // Act
        var result = await _driver.ProcessAsync(exchange);

        // Assert
        Assert.That((int?)result.ImmediateResponse?.Status.Code, Is.EqualTo(502));
    }

    [Test]
    public async Task ResponseHeaders_AnyResponse_HardenedAgainstCaching()
    {
        // Arrange
        var exchange = Exchange(Encoding.UTF8.GetBytes("{}"), Profile("safe_harbor"));

        // Act
        var result = await _driver.ProcessAsync(exchange);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(result.Header("cache-control"), Is.EqualTo("no-store"));
            Assert.That(result.Header("pragma"), Is.EqualTo("no-cache"));
            Assert.That(result.Header("server"), Is.Null);
            Assert.That(result.Header("x-powered-by"), Is.Null);
        });
    }

    [Test]
    public async Task ResponseHeaders_ImageWithoutPassthrough_FailsClosedWith502()
    {
        // Arrange
        var exchange = Exchange([0x89, 0x50, 0x4E, 0x47], Profile("safe_harbor"), contentType: "image/png");

        // Act
        var result = await _driver.ProcessAsync(exchange);

        // Assert
        Assert.That((int?)result.ImmediateResponse?.Status.Code, Is.EqualTo(502));
    }

    [Test]
    public async Task ResponseBody_TextPlain_RedactedByDetectors()
    {
        // Arrange
        var exchange = Exchange(Encoding.UTF8.GetBytes("Patient Ada Quill, SSN 123-45-6789."), Profile("safe_harbor"), contentType: "text/plain; charset=utf-8");

        // Act
        var result = await _driver.ProcessAsync(exchange);

        // Assert
        Assert.That(Encoding.UTF8.GetString(result.ResponseBody), Is.EqualTo("Patient [NAME], SSN [SSN]."));
    }

    [Test]
    public async Task ResponseBody_StreamedModeWithoutOverride_WholeBodyRedactedInLastAnswer()
    {
        // Arrange
        var json = Encoding.UTF8.GetBytes(Patient);
        var exchange = Exchange(json, Profile("safe_harbor"));
        var streamed = new HttpExchange
        {
            RequestHeaders = exchange.RequestHeaders,
            ResponseHeaders = exchange.ResponseHeaders,
            ResponseBody = [json[..40], json[40..100], json[100..]],
            MetadataContext = exchange.MetadataContext,
        };
        var settings = new ExtProcSettings
        {
            AllowModeOverride = false,
            Mode = new ProcessingMode
            {
                RequestHeaderMode = ProcessingMode.Types.HeaderSendMode.Send,
                ResponseHeaderMode = ProcessingMode.Types.HeaderSendMode.Send,
                ResponseBodyMode = ProcessingMode.Types.BodySendMode.Streamed,
            },
        };

        // Act
        var result = await _driver.ProcessAsync(streamed, settings);

        // Assert
        var body = Encoding.UTF8.GetString(result.ResponseBody);
        Assert.That(body, Does.Contain("\"family\":\"[NAME]\"").And.Not.Contain("Quill"));
        Assert.That(System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("resourceType").GetString(), Is.EqualTo("Patient"));
    }
}
