namespace PhiGate.Audit;

/// <summary>Why a checkpoint was signed; recorded and signed with it.</summary>
internal enum CheckpointReason
{
    Count,
    Interval,
    Rotation,
    Shutdown,
}

internal static class CheckpointReasonNames
{
    public static string Name(this CheckpointReason reason) => reason switch
    {
        CheckpointReason.Count => "count",
        CheckpointReason.Interval => "interval",
        CheckpointReason.Rotation => "rotation",
        _ => "shutdown",
    };
}
