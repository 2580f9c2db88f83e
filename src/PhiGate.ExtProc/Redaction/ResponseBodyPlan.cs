namespace PhiGate.ExtProc.Redaction;

/// <summary>How the response body reaches PhiGate, decided from the configured body mode at response headers.</summary>
internal enum ResponseBodyPlan
{
    /// <summary>Nothing to redact: body messages are answered as the base handler does.</summary>
    Pass,

    /// <summary>One message holds the whole body (BUFFERED, configured or asked for with mode_override).</summary>
    Whole,

    /// <summary>STREAMED: earlier chunks are cleared, the chunk with end_of_stream carries the whole redacted body.</summary>
    Streamed,

    /// <summary>FULL_DUPLEX_STREAMED: chunks are held, the redacted body is streamed back once the body ends.</summary>
    FullDuplex,
}
