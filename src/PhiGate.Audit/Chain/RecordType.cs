namespace PhiGate.Audit;

/// <summary>The <c>type</c> field of a record.</summary>
internal enum RecordType
{
    Decision,
    Redaction,
    Checkpoint,
}

internal static class RecordTypeNames
{
    public const string Decision = "decision";
    public const string Redaction = "redaction";
    public const string Checkpoint = "checkpoint";

    public static string Name(this RecordType type) => type switch
    {
        RecordType.Decision => Decision,
        RecordType.Redaction => Redaction,
        _ => Checkpoint,
    };
}
