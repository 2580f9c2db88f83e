using Microsoft.Extensions.Logging;

namespace PhiGate.Authz.Tokens;

/// <summary>Token events (EventIds 2010-2099). Never a token, a claim value or a header value.</summary>
internal static partial class TokensLog
{
    [LoggerMessage(EventId = 2010, EventName = "TokenRefused", Level = LogLevel.Information,
        Message = "Caller token refused: {FailureCode} {Detail}")]
    public static partial void Refused(ILogger logger, TokenFailure failureCode, string? detail);
}
