using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using PhiGate.Audit;

namespace PhiGate.Commands;

/// <summary>
/// <c>phigate audit keygen --out DIR</c>: writes a new HMAC key file (<c>audit-hmac</c>), a checkpoint
/// signing key (<c>audit-signing.pem</c>) and its public key (<c>audit-signing.pub.pem</c>, for
/// <c>verify --key</c>). With <c>--rotate-hmac FILE</c> only a new HMAC key is made and the existing keys of
/// FILE are kept after it, so digests written before the rotation stay searchable.
/// </summary>
internal static class AuditKeygenCommand
{
    public const string HmacFileName = "audit-hmac";
    public const string SigningFileName = "audit-signing.pem";
    public const string PublicFileName = "audit-signing.pub.pem";

    public static Command Create()
    {
        var outDir = new Option<DirectoryInfo>("--out") { Description = "Directory to write the key files into (created if missing; existing files are never overwritten).", Required = true };
        var keyId = new Option<string?>("--key-id") { Description = "Id of the new HMAC key (default: k<yyyyMMdd>)." };
        var rotate = new Option<FileInfo?>("--rotate-hmac") { Description = "Existing HMAC key file whose keys follow the new one (rotation)." };
        var command = new Command("keygen", "Generate audit keys: an HMAC key file and an ECDSA P-256 checkpoint key pair.") { outDir, keyId, rotate };
        command.SetAction(result => Run(
            result.GetValue(outDir)!,
            result.GetValue(keyId),
            result.GetValue(rotate),
            TimeProvider.System,
            result.InvocationConfiguration.Output));
        return command;
    }

    internal static int Run(DirectoryInfo outDir, string? keyId, FileInfo? rotate, TimeProvider time, TextWriter output)
    {
        keyId ??= "k" + time.GetUtcNow().ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        if (!KeyId.IsValid(keyId))
        {
            throw new CliException(ExitCodes.InvalidInput, "--key-id: must be 1-64 characters of [A-Za-z0-9._-]");
        }

        var previous = "";
        if (rotate is not null)
        {
            var ring = HmacKeyRing.LoadFile(rotate.FullName, "--rotate-hmac");
            if (!ring.Succeeded)
            {
                throw new CliException(ExitCodes.InvalidInput, ring.Error);
            }

            if (ring.Value.Find(keyId) is not null)
            {
                throw new CliException(ExitCodes.InvalidInput, $"--key-id: {keyId} is already in the key file; choose a new id");
            }

            previous = File.ReadAllText(rotate.FullName).TrimEnd() + "\n";
        }

        Directory.CreateDirectory(outDir.FullName);
        var hmac = $"{keyId}\n{Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))}\n{previous}";
        WriteSecret(Path.Combine(outDir.FullName, HmacFileName), hmac);
        output.WriteLine($"wrote {HmacFileName} (active key id {keyId})");
        if (rotate is not null)
        {
            return ExitCodes.Success;
        }

        using var signing = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        WriteSecret(Path.Combine(outDir.FullName, SigningFileName), signing.ExportPkcs8PrivateKeyPem() + "\n");
        WriteNew(Path.Combine(outDir.FullName, PublicFileName), signing.ExportSubjectPublicKeyInfoPem() + "\n", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        output.WriteLine($"wrote {SigningFileName} and {PublicFileName} (checkpoint key id {CheckpointKeyId.Of(signing)})");
        return ExitCodes.Success;
    }

    private static void WriteSecret(string path, string text) => WriteNew(path, text, UnixFileMode.UserRead | UnixFileMode.UserWrite);

    private static void WriteNew(string path, string text, UnixFileMode mode)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = mode;
        }

        try
        {
            using var writer = new StreamWriter(path, System.Text.Encoding.ASCII, options);
            writer.Write(text);
        }
        catch (IOException) when (File.Exists(path))
        {
            throw new CliException(ExitCodes.InvalidInput, $"{Path.GetFileName(path)} already exists; keys are never overwritten");
        }
    }
}
