using System.CommandLine;
using PhiGate.Commands;

// The one `phigate` executable. Each command is its own class; a CliException carries the exit code.
var root = new RootCommand("PhiGate: a policy sidecar for Envoy in front of health-data APIs.");
root.Subcommands.Add(ServeCommand.Create());
root.Subcommands.Add(PolicyCommand.Create());
root.Subcommands.Add(RedactCommand.Create());

try
{
    // The host handles SIGTERM/SIGINT itself (drain, then stop), so the parser must not.
    return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
}
catch (CliException ex)
{
    await Console.Error.WriteLineAsync($"phigate: {ex.Message}");
    return ex.ExitCode;
}
