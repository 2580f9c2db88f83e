using System.Buffers;
using System.CommandLine;
using PhiGate.Redaction;
using PhiGate.Redaction.Profiles;

namespace PhiGate.Commands;

/// <summary>
/// <c>phigate redact [--profile NAME] [--profiles FILE] [--format json|text] FILE|-</c>: prints the redacted
/// document, the quickest way to see what a profile does. Nothing is printed when the input cannot be
/// redacted; errors never quote the input.
/// </summary>
internal static class RedactCommand
{
    public static Command Create()
    {
        var input = new Argument<string>("input") { Description = "The document to redact: a file path, or - for standard input." };
        var profile = new Option<string>("--profile") { Description = "Profile name (built in: strict, safe_harbor). Default: strict.", DefaultValueFactory = _ => BuiltInProfiles.StrictName };
        var profiles = new Option<FileInfo?>("--profiles") { Description = "YAML file with more profiles (the same format as extproc.profiles_file)." };
        var format = new Option<string?>("--format") { Description = "json or text. Default: json, or text for a .txt file." };
        format.AcceptOnlyFromAmong("json", "text");
        var command = new Command("redact", "Print a JSON, FHIR or plain-text document with PHI redacted by a profile.") { input, profile, profiles, format };
        command.SetAction((result, cancellationToken) => RunAsync(
            result.GetValue(input)!, result.GetValue(profile)!, result.GetValue(profiles), result.GetValue(format), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string input, string profileName, FileInfo? profilesFile, string? formatName, CancellationToken cancellationToken)
    {
        try
        {
            return await RedactAsync(input, profileName, profilesFile, formatName, cancellationToken);
        }
        catch (CliException ex)
        {
            // The parser's own exception handler would print a stack trace; a usage error needs one line.
            await Console.Error.WriteLineAsync($"phigate: {ex.Message}");
            return ex.ExitCode;
        }
    }

    private static async Task<int> RedactAsync(string input, string profileName, FileInfo? profilesFile, string? formatName, CancellationToken cancellationToken)
    {
        var set = LoadProfiles(profilesFile);
        if (!set.TryGet(profileName, out var profile))
        {
            throw new CliException(ExitCodes.InvalidInput, $"unknown profile '{profileName}' (known: {string.Join(", ", set.Names.Order(StringComparer.Ordinal))})");
        }

        var bytes = await ReadInputAsync(input, cancellationToken);
        var format = formatName switch
        {
            "text" => BodyFormat.Text,
            "json" => BodyFormat.Json,
            _ => input.EndsWith(".txt", StringComparison.OrdinalIgnoreCase) ? BodyFormat.Text : BodyFormat.Json,
        };

        var output = new ArrayBufferWriter<byte>(bytes.Length + 1024);
        var result = new PhiRedactor().Redact(bytes, format, output, profile);
        if (!result.Succeeded)
        {
            throw new CliException(ExitCodes.Failure, result.Status switch
            {
                RedactionStatus.InvalidJson => "the input is not valid JSON (UTF-8); nothing was printed",
                RedactionStatus.TooDeep => "the input nests too deeply; nothing was printed",
                _ => "the input is not valid UTF-8 text; nothing was printed",
            });
        }

        await using var stdout = Console.OpenStandardOutput();
        await stdout.WriteAsync(output.WrittenMemory, cancellationToken);
        if (format == BodyFormat.Json)
        {
            stdout.WriteByte((byte)'\n');
        }

        await Console.Error.WriteLineAsync($"phigate: redacted with profile {profile.Name}: {result.Counts.Total} values changed");
        return ExitCodes.Success;
    }

    private static RedactionProfileSet LoadProfiles(FileInfo? file)
    {
        if (file is null)
        {
            return RedactionProfileSet.BuiltIn;
        }

        var loaded = ProfileLoader.LoadFile(file.FullName);
        if (!loaded.Succeeded)
        {
            throw new CliException(ExitCodes.InvalidInput, "profiles: " + string.Join("; ", loaded.Errors));
        }

        return new RedactionProfileSet(loaded.Profiles);
    }

    private static async Task<byte[]> ReadInputAsync(string input, CancellationToken cancellationToken)
    {
        if (input == "-")
        {
            await using var stdin = Console.OpenStandardInput();
            using var buffer = new MemoryStream();
            await stdin.CopyToAsync(buffer, cancellationToken);
            return buffer.ToArray();
        }

        if (!File.Exists(input))
        {
            throw new CliException(ExitCodes.InvalidInput, "input file not found");
        }

        return await File.ReadAllBytesAsync(input, cancellationToken);
    }
}
