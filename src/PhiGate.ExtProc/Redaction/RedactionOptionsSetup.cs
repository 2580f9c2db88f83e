using Microsoft.Extensions.Options;

namespace PhiGate.ExtProc.Redaction;

/// <summary>Fills the list defaults (a configured list replaces them, an absent one keeps them).</summary>
internal sealed class RedactionOptionsSetup : IPostConfigureOptions<RedactionOptions>
{
    public void PostConfigure(string? name, RedactionOptions options)
    {
        if (options.StripRequestHeaders.Count == 0)
        {
            options.StripRequestHeaders.AddRange(RedactionOptions.DefaultStripRequestHeaders);
        }

        if (options.PhiQueryParameters.Count == 0)
        {
            options.PhiQueryParameters.AddRange(RedactionOptions.DefaultPhiQueryParameters);
        }
    }
}

/// <summary>Refuses settings that would make redaction unsafe or impossible; one line per problem, naming the key.</summary>
internal sealed class RedactionOptionsValidator : IValidateOptions<RedactionOptions>
{
    public ValidateOptionsResult Validate(string? name, RedactionOptions options)
    {
        var failures = new List<string>();
        if (options.MaxBodyBytes is < 1024 or > 1024L * 1024 * 1024)
        {
            failures.Add("extproc.max_body_bytes: must be between 1024 and 1073741824");
        }

        foreach (var header in options.StripRequestHeaders)
        {
            if (header.Length == 0 || header.StartsWith(':') || header.Equals("host", StringComparison.OrdinalIgnoreCase) || header.Any(char.IsWhiteSpace))
            {
                failures.Add("extproc.strip_request_headers: pseudo-headers, host and blank names cannot be removed");
                break;
            }
        }

        if (options.ProfilesFile is { } file)
        {
            var loaded = PhiGate.Redaction.Profiles.ProfileLoader.LoadFile(file);
            failures.AddRange(loaded.Errors.Select(e => e.StartsWith("redaction.profiles_file", StringComparison.Ordinal) ? "extproc.profiles_file: file not found" : "extproc.profiles_file: " + e));
        }

        if ((options.HashKeyFile is null) != (options.HashKeyId is null))
        {
            failures.Add("extproc.hash_key_id: hash_key_file and hash_key_id must be set together");
        }
        else if (options.HashKeyFile is { } keyFile && RedactionServices.ReadKey(keyFile) is null)
        {
            failures.Add("extproc.hash_key_file: file not found, not base64, or shorter than 32 bytes");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
