using Microsoft.Extensions.Logging;

namespace PhiGate.Host.Logging;

/// <summary>Host events (ids 1000-1999): ids, counts and addresses of our own listeners only.</summary>
internal static partial class HostLog
{
    [LoggerMessage(EventId = 1000, EventName = "Listening", Level = LogLevel.Information,
        Message = "Listening for {Listener} on {Address}")]
    public static partial void Listening(ILogger logger, string listener, string address);

    [LoggerMessage(EventId = 1001, EventName = "Draining", Level = LogLevel.Information,
        Message = "Shutdown requested: readiness is false, draining for {DrainDelayMs} ms")]
    public static partial void Draining(ILogger logger, double drainDelayMs);

    [LoggerMessage(EventId = 1002, EventName = "Stopped", Level = LogLevel.Information,
        Message = "Stopped")]
    public static partial void Stopped(ILogger logger);

    [LoggerMessage(EventId = 1003, EventName = "CallFailed", Level = LogLevel.Error,
        Message = "gRPC call {Method} failed with an unexpected {ExceptionType}")]
    public static partial void CallFailed(ILogger logger, string method, string exceptionType, Exception exception);

    [LoggerMessage(EventId = 1004, EventName = "EmbeddedDefaults", Level = LogLevel.Warning,
        Message = "No configuration file given: running on embedded defaults, every request is denied")]
    public static partial void EmbeddedDefaults(ILogger logger);
}
