using System.CommandLine;
using PhiGate.Audit;

namespace PhiGate.Commands;

/// <summary>
/// <c>phigate audit verify DIR --key PUBLIC.pem</c>: checks every file, record, chain link and checkpoint
/// signature. Exit 0 only if everything holds; 1 with <c>file:line: kind: detail</c> for the first problem;
/// 2 when the command cannot run (missing directory, unreadable or wrong key).
/// </summary>
internal static class AuditVerifyCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("path") { Description = "The audit directory, or one file of records (e.g. a capture of the stdout sink)." };
        var keys = new Option<FileInfo[]>("--key")
        {
            Description = "PEM public key that signed checkpoints; repeat for keys used before a rotation.",
            Required = true,
            AllowMultipleArgumentsPerToken = false,
        };
        var allowUnsignedTail = new Option<bool>("--allow-unsigned-tail") { Description = "Accept records after the last checkpoint (a trail that is still being written)." };
        var allowPrunedStart = new Option<bool>("--allow-pruned-start") { Description = "Accept a trail whose oldest files were removed by retention." };
        var skipForeign = new Option<bool>("--skip-foreign-lines") { Description = "For a captured stdout stream (FILE): ignore lines that are not audit records, such as log lines." };
        var command = new Command("verify", "Verify an audit trail: files, records, chain links, checkpoint signatures.")
        {
            path, keys, allowUnsignedTail, allowPrunedStart, skipForeign,
        };
        command.SetAction(result => Run(
            result.GetValue(path)!,
            result.GetValue(keys) ?? [],
            result.GetValue(skipForeign),
            new AuditVerifierOptions { AllowUnsignedTail = result.GetValue(allowUnsignedTail), AllowPrunedStart = result.GetValue(allowPrunedStart) },
            result.InvocationConfiguration.Output,
            result.InvocationConfiguration.Error));
        return command;
    }

    internal static int Run(string path, IReadOnlyList<FileInfo> keyFiles, bool skipForeignLines, AuditVerifierOptions options, TextWriter output, TextWriter error)
    {
        var keys = new List<CheckpointVerificationKey>();
        try
        {
            foreach (var file in keyFiles)
            {
                if (!file.Exists)
                {
                    throw new CliException(ExitCodes.InvalidInput, $"--key {file.Name}: file not found");
                }

                keys.Add(CheckpointVerificationKey.FromPem(File.ReadAllText(file.FullName), out var problem)
                    ?? throw new CliException(ExitCodes.InvalidInput, $"--key {file.Name}: {problem}"));
            }

            var verifier = new AuditVerifier(keys, options);
            AuditVerificationReport report;
            if (Directory.Exists(path))
            {
                report = verifier.VerifyDirectory(path);
            }
            else if (File.Exists(path))
            {
                report = verifier.VerifyFiles([path], skipForeignLines);
            }
            else
            {
                throw new CliException(ExitCodes.InvalidInput, $"{Path.GetFileName(path)}: no such directory or file");
            }

            if (report.Problem is { } bad)
            {
                error.WriteLine($"{bad.File}:{bad.Line}: {Kebab(bad.Kind)}: {bad.Detail}");
                error.WriteLine($"verified {report.Records} records before the problem");
                return ExitCodes.Failure;
            }

            output.WriteLine($"ok: {report.Records} records ({report.Events} events, {report.Checkpoints} checkpoints) in {report.Files} file(s), last sequence {report.LastSequence}");
            if (report.TornLines > 0)
            {
                output.WriteLine($"note: {report.TornLines} torn line(s) from an interrupted write end a file; the chain continues past them");
            }

            return ExitCodes.Success;
        }
        finally
        {
            keys.ForEach(k => k.Dispose());
        }
    }

    private static string Kebab(AuditProblemKind kind) => kind switch
    {
        AuditProblemKind.UnsignedTail => "unsigned-tail",
        AuditProblemKind.MissingFile => "missing-file",
        AuditProblemKind.BadSignature => "bad-signature",
        AuditProblemKind.UnknownKey => "unknown-key",
        AuditProblemKind.NoRecords => "no-records",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
