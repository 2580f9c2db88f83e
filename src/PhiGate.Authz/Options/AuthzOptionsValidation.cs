using Microsoft.Extensions.Options;
using PhiGate.Authz.Decisions;

namespace PhiGate.Authz.Options;

/// <summary>Start-up validation of the whole <c>authz</c> section, policies included: one line per problem, naming the YAML key.</summary>
internal sealed class AuthzOptionsValidation : IValidateOptions<AuthzOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthzOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (!DecisionPath.IsValid(options.Decision))
        {
            errors.Add("authz.decision: must be a rule path such as envoy/authz/allow");
        }

        if (!DurationText.TryParse(options.DecisionTimeout, out var timeout) || timeout <= TimeSpan.Zero || timeout > TimeSpan.FromSeconds(10))
        {
            errors.Add("authz.decision_timeout: must be a duration between 1ms and 10s");
        }

        if (string.IsNullOrWhiteSpace(options.Realm) || options.Realm.Any(c => c is '"' or '\\' || char.IsControl(c)))
        {
            errors.Add("authz.realm: must be non-empty text without quotes or backslashes");
        }

        if (string.IsNullOrWhiteSpace(options.DefaultRedactionProfile))
        {
            errors.Add("authz.default_redaction_profile: must not be empty");
        }

        errors.AddRange(PolicyLoader.Load(options.PolicyDirs).Errors);
        errors.AddRange(TokenOptionsValidator.Validate(options.Tokens));
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
