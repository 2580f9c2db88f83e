namespace PhiGate.ExtProc.Redaction;

/// <summary>Why a response was refused (logged and counted; the caller only sees a coarse 502).</summary>
internal enum ResponseRefusal
{
    UnsupportedEncoding,
    UnredactableContentType,
    TooLarge,
    CorruptEncoding,
    InvalidBody,
    StreamingModeNotSupported,
}
