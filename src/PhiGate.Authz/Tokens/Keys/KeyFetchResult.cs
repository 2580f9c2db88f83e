namespace PhiGate.Authz.Tokens.Keys;

/// <summary>Why a key fetch failed; logged as an enum, never with response content.</summary>
public enum KeyFetchFailure
{
    None = 0,
    Unreachable,
    HttpError,
    Timeout,
    InvalidDocument,
    IssuerMismatch,
    InsecureUrl,
    FileMissing,
}

/// <summary>JWKS JSON, or why it could not be had.</summary>
internal readonly record struct KeyFetchResult(string? Json, KeyFetchFailure Failure)
{
    public static KeyFetchResult Ok(string json) => new(json, KeyFetchFailure.None);

    public static KeyFetchResult Fail(KeyFetchFailure failure) => new(null, failure);
}
