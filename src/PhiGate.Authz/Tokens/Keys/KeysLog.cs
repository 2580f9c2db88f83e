using Microsoft.Extensions.Logging;

namespace PhiGate.Authz.Tokens.Keys;

/// <summary>Key cache events (EventIds 2100-2199). Issuers are named by their index in <c>authz.tokens.issuers</c>.</summary>
internal static partial class KeysLog
{
    [LoggerMessage(EventId = 2100, EventName = "KeysLoaded", Level = LogLevel.Information,
        Message = "Loaded {KeyCount} signing keys for issuer #{IssuerIndex} ({SkippedCount} skipped)")]
    public static partial void KeysLoaded(ILogger logger, int issuerIndex, int keyCount, int skippedCount);

    [LoggerMessage(EventId = 2101, EventName = "KeyFetchFailed", Level = LogLevel.Warning,
        Message = "Key fetch for issuer #{IssuerIndex} failed: {Failure}; cached keys kept: {KeptCachedKeys}")]
    public static partial void FetchFailed(ILogger logger, int issuerIndex, KeyFetchFailure failure, bool keptCachedKeys);

    [LoggerMessage(EventId = 2102, EventName = "UnknownKidRefresh", Level = LogLevel.Information,
        Message = "Refreshed keys of issuer #{IssuerIndex} for an unknown kid")]
    public static partial void UnknownKidRefresh(ILogger logger, int issuerIndex);
}
