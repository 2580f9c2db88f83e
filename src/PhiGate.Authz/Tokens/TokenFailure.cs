namespace PhiGate.Authz.Tokens;

/// <summary>Why a caller's token was refused. Codes (<see cref="TokenFailureCodes.ToCode"/>) go to logs and audit, never to the caller.</summary>
public enum TokenFailure
{
    None = 0,
    Missing,

    /// <summary>No issuer is configured: PhiGate validates no token and the policy alone decides (opa-envoy-plugin style).</summary>
    NotValidated,
    InvalidRequest,
    TooLarge,
    Malformed,
    NestedToken,
    UnsupportedCriticalHeader,
    AlgorithmNotAllowed,
    WrongIssuer,
    KeysUnavailable,
    UnknownKey,
    BadSignature,
    Expired,
    NotYetValid,
    IssuedInFuture,
    LifetimeTooLong,
    WrongAudience,
    MissingClaim,
    MissingJti,
    Replayed,
    ReplayStoreUnavailable,
    CertificateRequired,
    CertificateMismatch,
    Invalid,
}

/// <summary>Stable snake_case codes for <see cref="TokenFailure"/>.</summary>
public static class TokenFailureCodes
{
    public static string ToCode(this TokenFailure failure) => failure switch
    {
        TokenFailure.None => "none",
        TokenFailure.Missing => "missing",
        TokenFailure.NotValidated => "not_validated",
        TokenFailure.InvalidRequest => "invalid_request",
        TokenFailure.TooLarge => "too_large",
        TokenFailure.Malformed => "malformed",
        TokenFailure.NestedToken => "nested_token",
        TokenFailure.UnsupportedCriticalHeader => "unsupported_critical_header",
        TokenFailure.AlgorithmNotAllowed => "algorithm_not_allowed",
        TokenFailure.WrongIssuer => "wrong_issuer",
        TokenFailure.KeysUnavailable => "keys_unavailable",
        TokenFailure.UnknownKey => "unknown_key",
        TokenFailure.BadSignature => "bad_signature",
        TokenFailure.Expired => "expired",
        TokenFailure.NotYetValid => "not_yet_valid",
        TokenFailure.IssuedInFuture => "issued_in_future",
        TokenFailure.LifetimeTooLong => "lifetime_too_long",
        TokenFailure.WrongAudience => "wrong_audience",
        TokenFailure.MissingClaim => "missing_claim",
        TokenFailure.MissingJti => "missing_jti",
        TokenFailure.Replayed => "replayed",
        TokenFailure.ReplayStoreUnavailable => "replay_store_unavailable",
        TokenFailure.CertificateRequired => "certificate_required",
        TokenFailure.CertificateMismatch => "certificate_mismatch",
        _ => "invalid",
    };

    /// <summary>True when the request carried no credentials at all (RFC 6750 §3.1: no error code in the challenge).</summary>
    public static bool IsMissing(this TokenFailure failure) => failure == TokenFailure.Missing;
}
