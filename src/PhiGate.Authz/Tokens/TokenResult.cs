namespace PhiGate.Authz.Tokens;

/// <summary>Outcome of token validation: a verified token, or a failure code. Never thrown.</summary>
public readonly record struct TokenResult
{
    private TokenResult(VerifiedToken? token, TokenFailure failure, string? detail)
    {
        Token = token;
        Failure = failure;
        Detail = detail;
    }

    public VerifiedToken? Token { get; }

    public TokenFailure Failure { get; }

    /// <summary>A non-sensitive hint for the log (a claim name, an algorithm name), never a claim value.</summary>
    public string? Detail { get; }

    public bool IsValid => Failure == TokenFailure.None && Token is not null;

    public static TokenResult Success(VerifiedToken token) => new(token, TokenFailure.None, null);

    public static TokenResult Fail(TokenFailure failure, string? detail = null) => new(null, failure, detail);
}
