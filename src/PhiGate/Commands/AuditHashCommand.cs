using System.CommandLine;
using PhiGate.Audit;

namespace PhiGate.Commands;

/// <summary>
/// <c>phigate audit hash --key-file F VALUE</c>: prints the digest an investigator searches the trail for
/// (the same <c>hmac-sha256:&lt;key id&gt;:...</c> the gateway wrote). Without VALUE, one line is read from
/// stdin so the value stays out of shell history.
/// </summary>
internal static class AuditHashCommand
{
    public static Command Create()
    {
        var value = new Argument<string?>("value") { Description = "The value to digest; omit to read one line from stdin.", Arity = ArgumentArity.ZeroOrOne };
        var keyFile = new Option<FileInfo>("--key-file") { Description = "The HMAC key file (audit.hmac_key_file).", Required = true };
        var keyId = new Option<string?>("--key-id") { Description = "Use this older key of the file instead of the active one (events written before a rotation)." };
        var command = new Command("hash", "Print the audit digest of a value, to search the trail for it.") { value, keyFile, keyId };
        command.SetAction(result => Run(
            result.GetValue(keyFile)!,
            result.GetValue(keyId),
            result.GetValue(value),
            Console.In,
            result.InvocationConfiguration.Output));
        return command;
    }

    internal static int Run(FileInfo keyFile, string? keyId, string? value, TextReader input, TextWriter output)
    {
        var ring = HmacKeyRing.LoadFile(keyFile.FullName, "--key-file");
        if (!ring.Succeeded)
        {
            throw new CliException(ExitCodes.InvalidInput, ring.Error);
        }

        var key = keyId is null ? ring.Value.Active : ring.Value.Find(keyId)
            ?? throw new CliException(ExitCodes.InvalidInput, $"--key-id: the key file has no key with that id (it has {string.Join(", ", ring.Value.Keys.Select(k => k.Id))})");
        value ??= input.ReadLine() ?? throw new CliException(ExitCodes.InvalidInput, "no value given and nothing on stdin");
        output.WriteLine(key.Digest(value).Value);
        return ExitCodes.Success;
    }
}
