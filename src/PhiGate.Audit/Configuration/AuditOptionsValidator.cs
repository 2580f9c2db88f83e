using Microsoft.Extensions.Options;

namespace PhiGate.Audit;

/// <summary>Start-up validation: every error is one line naming the YAML key. Loads (and drops) the keys to prove they work.</summary>
internal sealed class AuditOptionsValidator : IValidateOptions<AuditOptions>
{
    public ValidateOptionsResult Validate(string? name, AuditOptions options)
    {
        var errors = new List<string>();
        var settings = AuditSettings.Resolve(options, Environment.GetEnvironmentVariable, errors);
        settings?.SigningKey.Dispose();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
