namespace PhiGate.Audit;

/// <summary>The first problem found: which file, which 1-based line, what kind, and a short explanation.</summary>
internal sealed record AuditVerificationProblem(AuditProblemKind Kind, string File, long Line, string Detail)
{
    public override string ToString() => $"{File}:{Line}: {Kind}: {Detail}";
}

/// <summary>What a verification run checked and whether everything held.</summary>
internal sealed record AuditVerificationReport
{
    public bool IsValid => Problem is null;

    public int Files { get; init; }

    public long Records { get; init; }

    public long Events { get; init; }

    public long Checkpoints { get; init; }

    /// <summary>The sequence number of the last record that verified.</summary>
    public long LastSequence { get; init; }

    public AuditVerificationProblem? Problem { get; init; }
}

/// <summary>Verifier switches.</summary>
internal sealed record AuditVerifierOptions
{
    /// <summary>Accept records after the last checkpoint (a live trail still being written). Default: false.</summary>
    public bool AllowUnsignedTail { get; init; }

    /// <summary>Accept a trail whose oldest files were removed by retention: the first record present anchors the chain. Default: false.</summary>
    public bool AllowPrunedStart { get; init; }
}
