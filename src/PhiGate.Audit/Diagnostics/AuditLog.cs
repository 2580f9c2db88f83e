using Microsoft.Extensions.Logging;

namespace PhiGate.Audit;

/// <summary>Audit log messages (EventId 5000-5999). Arguments are ids, counts and enums only.</summary>
internal static partial class AuditLog
{
    [LoggerMessage(EventId = 5000, EventName = "AuditTrailStarted", Level = LogLevel.Information,
        Message = "Audit trail started at sequence {Sequence} (file sink: {FileSink}, stdout: {Stdout}, HMAC key {HmacKeyId}, signing key {SigningKeyId})")]
    public static partial void TrailStarted(ILogger logger, long sequence, bool fileSink, bool stdout, string hmacKeyId, string signingKeyId);

    [LoggerMessage(EventId = 5001, EventName = "AuditEphemeralKeys", Level = LogLevel.Warning,
        Message = "Audit trail uses per-process ephemeral keys (HMAC: {EphemeralHmac}, signing: {EphemeralSigning}); configure audit.hmac_key_file and audit.signing_key_file so digests and checkpoints can be checked later")]
    public static partial void EphemeralKeys(ILogger logger, bool ephemeralHmac, bool ephemeralSigning);

    [LoggerMessage(EventId = 5002, EventName = "AuditEphemeralSigningKey", Level = LogLevel.Warning,
        Message = "Audit checkpoint public key for this process (key id {SigningKeyId}) follows on the next line of this log entry:\n{PublicKeyPem}")]
    public static partial void EphemeralSigningKey(ILogger logger, string signingKeyId, string publicKeyPem);

    [LoggerMessage(EventId = 5010, EventName = "AuditWriteFailed", Level = LogLevel.Error,
        Message = "Audit trail cannot write ({Sink}: {Failure}); failing closed with {Pending} events pending")]
    public static partial void WriteFailed(ILogger logger, AuditSinkKind sink, AuditSinkFailure failure, int pending);

    [LoggerMessage(EventId = 5011, EventName = "AuditRecovered", Level = LogLevel.Warning,
        Message = "Audit trail writes again after {Failures} failed attempts")]
    public static partial void Recovered(ILogger logger, long failures);

    [LoggerMessage(EventId = 5012, EventName = "AuditMirrorFailed", Level = LogLevel.Error,
        Message = "Audit stdout mirror failed ({Failure}); {Records} records are only in the file sink")]
    public static partial void MirrorFailed(ILogger logger, AuditSinkFailure failure, int records);

    [LoggerMessage(EventId = 5013, EventName = "AuditQueueFull", Level = LogLevel.Error,
        Message = "Audit queue is full ({Capacity} events); failing closed until it drains")]
    public static partial void QueueFull(ILogger logger, int capacity);

    [LoggerMessage(EventId = 5014, EventName = "AuditQueueDrained", Level = LogLevel.Warning,
        Message = "Audit queue drained to {Depth} events; accepting events again")]
    public static partial void QueueDrained(ILogger logger, int depth);

    [LoggerMessage(EventId = 5020, EventName = "AuditEventsLost", Level = LogLevel.Critical,
        Message = "Audit trail stopped with {Count} accepted events unwritten because no sink could write")]
    public static partial void EventsLost(ILogger logger, int count);

    [LoggerMessage(EventId = 5021, EventName = "AuditTrailStopped", Level = LogLevel.Information,
        Message = "Audit trail stopped at sequence {Sequence}")]
    public static partial void TrailStopped(ILogger logger, long sequence);

    [LoggerMessage(EventId = 5022, EventName = "AuditWriterCrashed", Level = LogLevel.Critical,
        Message = "Audit writer stopped unexpectedly; failing closed")]
    public static partial void WriterCrashed(ILogger logger, Exception exception);
}
