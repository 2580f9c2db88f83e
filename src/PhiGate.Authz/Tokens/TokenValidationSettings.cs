namespace PhiGate.Authz.Tokens;

/// <summary>Validation limits shared by all issuers, from <c>authz.tokens</c>.</summary>
internal sealed record TokenValidationSettings(TimeSpan ClockSkew, TimeSpan MaxLifetime, int MaxTokenBytes)
{
    public static TokenValidationSettings Default { get; } = new(TimeSpan.FromSeconds(30), TimeSpan.FromHours(1), 8_192);
}
