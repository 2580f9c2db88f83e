using Microsoft.Extensions.Logging;

namespace PhiGate.Authz.Replay;

/// <summary>Replay events (EventIds 2200-2299). Tokens appear only as a prefix of their SHA-256.</summary>
internal static partial class ReplayLog
{
    [LoggerMessage(EventId = 2200, EventName = "ReplayDetected", Level = LogLevel.Warning,
        Message = "Token replay detected in {Mode} mode (token sha256 {TokenHashPrefix})")]
    public static partial void ReplayDetected(ILogger logger, ReplayMode mode, string tokenHashPrefix);

    [LoggerMessage(EventId = 2201, EventName = "ReplayStoreUnavailable", Level = LogLevel.Error,
        Message = "Replay store unavailable; request allowed by configuration: {Allowed}")]
    public static partial void StoreUnavailable(ILogger logger, bool allowed);
}
