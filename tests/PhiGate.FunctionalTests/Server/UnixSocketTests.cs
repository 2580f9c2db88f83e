using System.Net.Sockets;
using Grpc.Health.V1;
using PhiGate.Host.Hosting;
using PhiGate.Testing.Envoy;

namespace PhiGate.FunctionalTests.Server;

/// <summary>The sidecar set-up: a socket file in a shared volume, possibly left behind by a killed process.</summary>
public sealed class UnixSocketTests
{
    [Test]
    public async Task Start_StaleSocketFileLeftBehind_BindsAndServes()
    {
        // Arrange: a socket file whose server is gone, as after a SIGKILL.
        var directory = Directory.CreateTempSubdirectory("phigate-stale-").FullName;
        var path = Path.Combine(directory, "phigate.sock");
        using (var stale = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
        {
            stale.Bind(new UnixDomainSocketEndPoint(path));
        }

        try
        {
            // Act
            await using var server = PhiGateApplication.Build(new ServeSettings
            {
                Grpc = "unix:" + path,
                Admin = "127.0.0.1:0",
                Environment = new Dictionary<string, string>(),
                LogToStdout = false,
            });
            await server.StartAsync();
            using var channel = GrpcChannels.ForUnixSocket(path);
            var health = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(10));
            await server.StopAsync();

            // Assert
            Assert.That(health.Status, Is.EqualTo(HealthCheckResponse.Types.ServingStatus.Serving));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
