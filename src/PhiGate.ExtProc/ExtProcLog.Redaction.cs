using Microsoft.Extensions.Logging;
using PhiGate.ExtProc.Redaction;
using PhiGate.Redaction;

namespace PhiGate.ExtProc;

/// <summary>Redaction events of ext_proc (ids 3100-3199): categories, reasons and sizes only, never values.</summary>
internal static partial class ExtProcLog
{
    [LoggerMessage(EventId = 3100, EventName = "RequestRefused", Level = LogLevel.Information,
        Message = "request refused: PHI of category {Category} in the URL or headers")]
    public static partial void RequestRefused(ILogger logger, PhiCategory category);

    [LoggerMessage(EventId = 3101, EventName = "ResponseRefused", Level = LogLevel.Warning,
        Message = "response refused with 502: {Reason}")]
    public static partial void ResponseRefused(ILogger logger, ResponseRefusal reason);

    [LoggerMessage(EventId = 3102, EventName = "BodyRedacted", Level = LogLevel.Debug,
        Message = "{Format} body redacted: {InputBytes} bytes in, {OutputBytes} bytes out, {ChangedValues} values changed")]
    public static partial void BodyRedacted(ILogger logger, BodyFormat format, int inputBytes, int outputBytes, int changedValues);

    [LoggerMessage(EventId = 3103, EventName = "UnknownRedactionProfile", Level = LogLevel.Warning,
        Message = "ext_authz named a redaction profile that is not configured; the strictest profile applies")]
    public static partial void UnknownRedactionProfile(ILogger logger);

    [LoggerMessage(EventId = 3104, EventName = "AuditUnavailable", Level = LogLevel.Error,
        Message = "The audit trail could not record a redacted exchange; the body is withheld (503)")]
    public static partial void AuditUnavailable(ILogger logger);

    [LoggerMessage(EventId = 3105, EventName = "BodyWithheld", Level = LogLevel.Warning,
        Message = "A streamed response body of {HeldBytes} bytes never ended with end_of_stream; it was withheld (configure BUFFERED or FULL_DUPLEX_STREAMED for redacted responses)")]
    public static partial void BodyWithheld(ILogger logger, int heldBytes);

    [LoggerMessage(EventId = 3106, EventName = "BodyNotInspected", Level = LogLevel.Warning,
        Message = "mode_override asked for the response body but Envoy sent none: check allow_mode_override in the ext_proc filter")]
    public static partial void BodyNotInspected(ILogger logger);
}
