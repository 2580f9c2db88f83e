namespace PhiGate.Audit;

/// <summary>What the verifier found wrong.</summary>
internal enum AuditProblemKind
{
    /// <summary>A record's content no longer matches its hash, or a link was rewritten.</summary>
    Modified,

    /// <summary>Records are missing from the middle of a file.</summary>
    Deleted,

    /// <summary>A record is not where its sequence number says it belongs.</summary>
    Reordered,

    /// <summary>A file ends early: inside a record, or records are missing from its end.</summary>
    Truncated,

    /// <summary>A line that does not belong to the chain was added.</summary>
    Inserted,

    /// <summary>Records after the last checkpoint: nothing signed them.</summary>
    UnsignedTail,

    /// <summary>A file index is missing from the sequence of files.</summary>
    MissingFile,

    /// <summary>A checkpoint signature does not verify.</summary>
    BadSignature,

    /// <summary>A checkpoint names a signing key that was not given to the verifier.</summary>
    UnknownKey,

    /// <summary>No audit records were found.</summary>
    NoRecords,

    /// <summary>A file could not be read.</summary>
    Unreadable,
}
