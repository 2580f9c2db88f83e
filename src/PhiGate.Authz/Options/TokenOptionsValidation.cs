using Microsoft.Extensions.Options;

namespace PhiGate.Authz.Options;

/// <summary>Start-up validation of <c>authz.tokens</c>: one line per problem, naming the YAML key.</summary>
internal sealed class TokenOptionsValidation : IValidateOptions<TokenOptions>
{
    public ValidateOptionsResult Validate(string? name, TokenOptions options)
    {
        var errors = TokenOptionsValidator.Validate(options);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
