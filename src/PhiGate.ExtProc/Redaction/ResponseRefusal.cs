namespace PhiGate.ExtProc.Redaction;

/// <summary>Why a response was refused (logged and counted; the caller only sees a coarse 502 or a reset).</summary>
internal enum ResponseRefusal
{
    UnsupportedEncoding,
    UnredactableContentType,
    TooLarge,
    CorruptEncoding,
    InvalidBody,

    /// <summary>STREAMED body followed by trailers: no chunk said it was the last, so the body could not be released.</summary>
    StreamEndedInTrailers,

    /// <summary>STREAMED body that never ended (trailers skipped): held back and never released.</summary>
    BodyNeverEnded,
}
