using System.CommandLine;

namespace PhiGate.Commands;

/// <summary><c>phigate policy check PATH...</c>: parses and compiles only; errors as file:line:col with a caret.</summary>
internal static class PolicyCheckCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("paths") { Description = "Policy and data files or directories.", Arity = ArgumentArity.OneOrMore };
        var command = new Command("check", "Parse and compile policies without evaluating them.") { paths };
        command.SetAction(result => PolicyCommand.Guard(() => Run(result.GetValue(paths) ?? [], Console.Out, Console.Error)));
        return command;
    }

    internal static int Run(string[] paths, TextWriter output, TextWriter errors)
    {
        var files = PolicyFiles.Load(paths);
        if (files.Modules.Count == 0)
        {
            throw new CliException(ExitCodes.InvalidInput, "no .rego files found");
        }

        files.Compile(errors);
        output.WriteLine($"{files.Modules.Count} module(s) OK");
        return ExitCodes.Success;
    }
}
