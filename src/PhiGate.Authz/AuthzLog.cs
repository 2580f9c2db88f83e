using Microsoft.Extensions.Logging;

namespace PhiGate.Authz;

/// <summary>ext_authz events (ids 2000-2999): decisions by reason code, never claim or header values.</summary>
internal static partial class AuthzLog
{
    [LoggerMessage(EventId = 2000, EventName = "Denied", Level = LogLevel.Information,
        Message = "Check denied with HTTP {HttpStatus}, reason {Reason}")]
    public static partial void Denied(ILogger logger, int httpStatus, string reason);
}
