namespace PhiGate.Audit;

/// <summary>Why a sink could not write; logged as an enum, never as a message that may hold a path.</summary>
internal enum AuditSinkFailure
{
    None,
    DirectoryUnavailable,
    ChainTailUnreadable,
    OpenFailed,
    WriteFailed,
    DiskFull,
}

/// <summary>Which sink.</summary>
internal enum AuditSinkKind
{
    File,
    Stdout,
}
