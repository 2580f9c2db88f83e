using System.Net;
using Envoy.Service.ExtProc.V3;
using PhiGate.Testing.Hosting;

namespace PhiGate.FunctionalTests.Server;

/// <summary>SIGTERM semantics: readiness turns false first, in-flight streams finish, then the host stops.</summary>
public sealed class ShutdownTests
{
    [Test]
    public async Task Stop_WithStreamInFlight_ReadinessFalseThenStreamCompletes()
    {
        // Arrange: a drain delay long enough to observe readiness during it.
        await using var server = await TestServer.StartAsync(new Dictionary<string, string?> { ["server:drain_delay"] = "1s" });
        using var admin = server.CreateAdminClient();
        using var envoy = server.CreateDriver();
        using var call = envoy.OpenProcessStream();
        await call.RequestStream.WriteAsync(new ProcessingRequest { RequestHeaders = new HttpHeaders { Headers = new() } });
        Assert.That(await call.ResponseStream.MoveNext(CancellationToken.None), Is.True);

        // Act
        var stopping = server.StopAsync();
        await Task.Delay(200);
        using var readyDuringDrain = await admin.GetAsync("/readyz");
        await call.RequestStream.WriteAsync(new ProcessingRequest { ResponseHeaders = new HttpHeaders { Headers = new(), EndOfStream = true } });
        var answered = await call.ResponseStream.MoveNext(CancellationToken.None);
        await call.RequestStream.CompleteAsync();
        var ended = !await call.ResponseStream.MoveNext(CancellationToken.None);
        await stopping;

        // Assert
        Assert.That(readyDuringDrain.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(answered, Is.True, "the in-flight stream is still answered while draining");
        Assert.That(ended, Is.True);
        Assert.That(server.Logs.Events.Select(e => e.EventId.Name), Does.Contain("Draining").And.Contain("Stopped"));
    }
}
