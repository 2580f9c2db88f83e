using System.CommandLine;

namespace PhiGate.Commands;

/// <summary><c>phigate policy</c>: tools for policy authors (eval, test, check), like <c>opa</c>'s.</summary>
internal static class PolicyCommand
{
    public static Command Create()
    {
        var command = new Command("policy", "Evaluate, test and check Rego policies.");
        command.Subcommands.Add(PolicyEvalCommand.Create());
        command.Subcommands.Add(PolicyTestCommand.Create());
        command.Subcommands.Add(PolicyCheckCommand.Create());
        return command;
    }

    /// <summary>Runs a policy command, turning a <see cref="CliException"/> into its message and exit code.</summary>
    internal static int Guard(Func<int> run)
    {
        try
        {
            return run();
        }
        catch (CliException ex)
        {
            Console.Error.WriteLine($"phigate: {ex.Message}");
            return ex.ExitCode;
        }
    }
}
