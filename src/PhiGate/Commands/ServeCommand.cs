using System.CommandLine;
using PhiGate.Host.Hosting;

namespace PhiGate.Commands;

/// <summary><c>phigate serve</c>: runs the sidecar until SIGTERM.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var config = new Option<FileInfo?>("--config") { Description = "YAML configuration file; without it PhiGate runs on safe embedded defaults (everything denied)." };
        var grpc = new Option<string?>("--grpc") { Description = "gRPC address for Envoy: host:port or unix:/path/phigate.sock (default 127.0.0.1:9191)." };
        var admin = new Option<string?>("--admin") { Description = "Admin HTTP address for /metrics, /healthz, /readyz (default 127.0.0.1:9901)." };
        var command = new Command("serve", "Serve Envoy's ext_authz and ext_proc over gRPC.") { config, grpc, admin };
        command.SetAction((result, cancellationToken) => RunAsync(new ServeSettings
        {
            ConfigFile = result.GetValue(config)?.FullName,
            Grpc = result.GetValue(grpc),
            Admin = result.GetValue(admin),
        }, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(ServeSettings settings, CancellationToken cancellationToken)
    {
        try
        {
            await using var server = PhiGateApplication.Build(settings);
            await server.StartAsync(cancellationToken);
            await server.WaitForShutdownAsync(cancellationToken);
            return ExitCodes.Success;
        }
        catch (ConfigurationProblemsException ex)
        {
            foreach (var problem in ex.Problems)
            {
                await Console.Error.WriteLineAsync($"phigate: config: {problem}");
            }

            return ExitCodes.InvalidInput;
        }
    }
}
