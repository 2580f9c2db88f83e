namespace PhiGate.Audit;

/// <summary>What the verifier and the restart logic need from one record line.</summary>
internal sealed class ParsedRecord
{
    public long Sequence { get; set; }

    public RecordType Type { get; set; }

    /// <summary>The <c>time</c> field exactly as written (checkpoint signatures cover this text).</summary>
    public string? Time { get; set; }

    public string Prev { get; set; } = "";

    public string Hash { get; set; } = "";

    public long From { get; set; }

    public long To { get; set; }

    public string? Head { get; set; }

    public string? Reason { get; set; }

    public string? KeyId { get; set; }

    public string? Signature { get; set; }
}
