using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using PhiGate.Rego;
using PhiGate.Rego.Evaluation;
using PhiGate.Rego.Values;

namespace PhiGate.Commands;

/// <summary><c>phigate policy test PATH... [-v]</c>: runs every <c>test_*</c> rule, like <c>opa test</c>.</summary>
internal static class PolicyTestCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("paths") { Description = "Policy and data files or directories.", Arity = ArgumentArity.OneOrMore };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Show print() output of failing tests." };
        var command = new Command("test", "Run the test_* rules of the policies; exit code 0 only if all pass.") { paths, verbose };
        command.SetAction(result => PolicyCommand.Guard(() => Run(result.GetValue(paths) ?? [], result.GetValue(verbose), Console.Out, Console.Error)));
        return command;
    }

    internal static int Run(string[] paths, bool verbose, TextWriter output, TextWriter errors)
    {
        var files = PolicyFiles.Load(paths);
        var engine = files.Compile(errors);
        var tests = engine.Rules
            .Where(r => !r.IsFunction && r.Path[(r.Path.LastIndexOf('.') + 1)..].StartsWith("test_", StringComparison.Ordinal))
            .ToList();
        if (tests.Count == 0)
        {
            output.WriteLine("no tests found");
            return ExitCodes.Failure;
        }

        var passed = 0;
        var failed = 0;
        var errored = 0;
        foreach (var group in tests.GroupBy(t => t.File))
        {
            output.WriteLine($"{group.Key}:");
            foreach (var test in group)
            {
                var printed = new List<string>();
                var options = new EvaluationOptions { Print = printed.Add };
                var sw = Stopwatch.StartNew();
                var result = engine.EvaluateRule(test.Path, null, options);
                var elapsed = sw.Elapsed.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture);
                string status;
                if (result.Error is not null)
                {
                    status = "ERROR";
                    errored++;
                }
                else if (result.Value is BooleanValue { Value: true } || (result.Value is not null and not BooleanValue))
                {
                    status = "PASS";
                    passed++;
                }
                else
                {
                    status = "FAIL";
                    failed++;
                }

                output.WriteLine($"{test.Path}: {status} ({elapsed}ms)");
                if (status != "PASS")
                {
                    if (result.Error is { } error)
                    {
                        output.WriteLine($"  {error}");
                    }

                    if (verbose)
                    {
                        foreach (var line in printed)
                        {
                            output.WriteLine($"  {line}");
                        }
                    }
                }
            }
        }

        output.WriteLine(new string('-', 80));
        if (failed == 0 && errored == 0)
        {
            output.WriteLine($"PASS: {passed}/{tests.Count}");
            return ExitCodes.Success;
        }

        output.WriteLine($"PASS: {passed}/{tests.Count}");
        if (failed > 0)
        {
            output.WriteLine($"FAIL: {failed}/{tests.Count}");
        }

        if (errored > 0)
        {
            output.WriteLine($"ERROR: {errored}/{tests.Count}");
        }

        return ExitCodes.Failure;
    }
}
