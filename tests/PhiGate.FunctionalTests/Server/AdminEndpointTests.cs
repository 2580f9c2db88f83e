using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using PhiGate.Testing.Envoy;
using PhiGate.Testing.Hosting;

namespace PhiGate.FunctionalTests.Server;

/// <summary>The admin listener: metrics that count real calls, liveness, readiness, and isolation from gRPC.</summary>
public sealed partial class AdminEndpointTests
{
    private TestServer _server = null!;
    private HttpClient _admin = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _server = await TestServer.StartAsync();
        _admin = _server.CreateAdminClient();
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _admin.Dispose();
        await _server.DisposeAsync();
    }

    [TearDown]
    public void NoErrors() => _server.AssertNoUnexpectedErrors();

    [Test]
    public async Task Metrics_AfterCheckCalls_CountsThem()
    {
        // Arrange
        var before = CheckCount(await _admin.GetStringAsync("/metrics"));
        using var envoy = _server.CreateDriver();

        // Act
        for (var i = 0; i < 3; i++)
        {
            await envoy.CheckAsync(new CheckRequestBuilder().Path("/fhir/Patient"));
        }

        var after = CheckCount(await _admin.GetStringAsync("/metrics"));

        // Assert
        Assert.That(after - before, Is.EqualTo(3));
    }

    [Test]
    public async Task Metrics_AfterProcessStream_CountsMessagesByKind()
    {
        // Arrange
        using var envoy = _server.CreateDriver();

        // Act
        await envoy.ProcessAsync(HttpExchange.JsonResponse("{}"u8.ToArray()));
        var text = await _admin.GetStringAsync("/metrics");

        // Assert
        Assert.That(text, Does.Contain("phigate_extproc_messages_total{kind=\"response_body\"}"));
        Assert.That(text, Does.Contain("phigate_grpc_call_duration_seconds_bucket{service=\"envoy.service.ext_proc.v3.ExternalProcessor\""));
    }

    [Test]
    public async Task Metrics_AfterProcessStreamWithBody_PublishesRuntimeButNoPerCallMeters()
    {
        // Arrange: the first scrape starts the meter adapter; the exchange then rents Kestrel's pool blocks.
        await _admin.GetStringAsync("/metrics");
        using var envoy = _server.CreateDriver();
        var body = System.Text.Encoding.UTF8.GetBytes("{\"resourceType\":\"Basic\",\"note\":[{\"text\":\"" + new string('x', 32 * 1024) + "\"}]}");

        // Act
        await envoy.ProcessAsync(HttpExchange.JsonResponse(body));
        var text = await _admin.GetStringAsync("/metrics");

        // Assert
        Assert.That(text, Does.Contain("system_runtime_dotnet_gc_heap_total_allocated"));
        Assert.That(text, Does.Not.Contain("memory_pool"));
        Assert.That(text, Does.Not.Contain("http_server_request_duration"));
        Assert.That(text, Does.Not.Contain("routing_match_attempts"));
    }

    [TestCase("/healthz")]
    [TestCase("/readyz")]
    public async Task Probe_RunningServer_Ok(string path)
    {
        // Act
        using var response = await _admin.GetAsync(path);

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("ok\n"));
    }

    [Test]
    public async Task AdminListener_GrpcPath_NotFound()
    {
        // Act: the admin port must not serve the policy path.
        using var response = await _admin.PostAsync("/envoy.service.auth.v3.Authorization/Check", new ByteArrayContent([]));

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    private static double CheckCount(string metrics)
    {
        var match = CheckOk().Match(metrics);
        return match.Success ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
    }

    [GeneratedRegex("""phigate_grpc_calls_total\{service="envoy.service.auth.v3.Authorization",method="Check",code="OK"\} (\S+)""")]
    private static partial Regex CheckOk();
}
