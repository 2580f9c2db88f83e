using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using PhiGate.Testing.Envoy;

namespace PhiGate.FunctionalTests.Server;

/// <summary>`phigate serve` as a user runs it: a real process, JSON logs on stdout, SIGTERM to stop.</summary>
public sealed partial class PhigateProcessTests
{
    [Test]
    public async Task Serve_EmbeddedDefaults_DeniesLogsJsonWithRequestIdAndStopsOnSigterm()
    {
        // Arrange
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "phigate.dll"), "serve", "--grpc", "127.0.0.1:0", "--admin", "127.0.0.1:0" })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["PHIGATE_SERVER__DRAIN_DELAY"] = "100ms";
        using var process = Process.Start(start)!;
        var lines = new List<string>();
        var grpcAddress = new TaskCompletionSource<string>();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (lines)
            {
                lines.Add(e.Data);
            }

            if (GrpcListening().Match(e.Data) is { Success: true } m)
            {
                grpcAddress.TrySetResult(m.Groups[1].Value);
            }
        };
        process.BeginOutputReadLine();

        try
        {
            // Act
            var address = await grpcAddress.Task.WaitAsync(TimeSpan.FromSeconds(60));
            using var envoy = EnvoyDriver.ForTcp(address);
            var response = await envoy.CheckAsync(new CheckRequestBuilder().Header("x-request-id", "proc-req-1"));
            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await process.WaitForExitAsync(timeout.Token);

            // Assert
            Assert.That(response.DeniedResponse.Status.Code, Is.EqualTo(global::Envoy.Type.V3.StatusCode.Forbidden));
            Assert.That(process.ExitCode, Is.Zero);
            List<JsonElement> events;
            lock (lines)
            {
                events = lines.Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
            }

            var denied = events.Single(e => e.TryGetProperty("EventId", out var id) && id.GetProperty("Name").GetString() == "Denied");
            Assert.That(denied.GetProperty("RequestId").GetString(), Is.EqualTo("proc-req-1"));
            Assert.That(denied.TryGetProperty("TraceId", out _), Is.True);
            Assert.That(events.Select(e => e.TryGetProperty("EventId", out var id) ? id.GetProperty("Name").GetString() : null),
                Does.Contain("Draining").And.Contain("Stopped"));
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }
    }

    [Test]
    public async Task Serve_GrpcAddressInUse_ExitsTwoWithOneLine()
    {
        // Arrange
        using var occupant = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        occupant.Start();
        var port = ((System.Net.IPEndPoint)occupant.LocalEndpoint).Port;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "phigate.dll"), "serve", "--grpc", $"127.0.0.1:{port}", "--admin", "127.0.0.1:0" })
        {
            start.ArgumentList.Add(arg);
        }

        // Act
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);

        // Assert
        var lines = (await stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(process.ExitCode, Is.EqualTo(2));
        Assert.That(lines, Has.Length.EqualTo(1));
        Assert.That(lines[0], Does.StartWith("phigate: config: server: ").And.Contain($"127.0.0.1:{port}").And.Contain("address already in use"));
    }

    [GeneratedRegex("\"Listener\":\"grpc\",\"Address\":\"(http://[^\"]+)\"")]
    private static partial Regex GrpcListening();
}
