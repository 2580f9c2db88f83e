using Microsoft.Extensions.Logging;

namespace PhiGate.ExtProc;

/// <summary>ext_proc events (ids 3000-3999): message kinds, counts and outcomes only.</summary>
internal static partial class ExtProcLog
{
    [LoggerMessage(EventId = 3000, EventName = "ProtocolViolation", Level = LogLevel.Warning,
        Message = "ext_proc stream broke Envoy's message order after {MessageCount} messages: {Violation}")]
    public static partial void ProtocolViolation(ILogger logger, int messageCount, string violation);

    [LoggerMessage(EventId = 3001, EventName = "StreamCancelled", Level = LogLevel.Debug,
        Message = "ext_proc stream cancelled by Envoy after {MessageCount} messages")]
    public static partial void StreamCancelled(ILogger logger, int messageCount);

    [LoggerMessage(EventId = 3002, EventName = "StreamCompleted", Level = LogLevel.Debug,
        Message = "ext_proc stream completed after {MessageCount} messages")]
    public static partial void StreamCompleted(ILogger logger, int messageCount);
}
