namespace PhiGate.ExtProc;

/// <summary>How an ext_proc stream ended.</summary>
public enum ExchangeOutcome
{
    Completed,
    Cancelled,
    ProtocolError,
    Failed,
}
