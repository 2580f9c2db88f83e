namespace PhiGate.Commands;

/// <summary>Exit codes shared by every command.</summary>
internal static class ExitCodes
{
    /// <summary>Everything held (tests passed, the audit trail verified, the server stopped cleanly).</summary>
    public const int Success = 0;

    /// <summary>The command ran and found a failure (a failing test, a tampered record).</summary>
    public const int Failure = 1;

    /// <summary>The command could not run as asked: bad flags, an invalid configuration or policy.</summary>
    public const int InvalidInput = 2;
}
