namespace PhiGate.Audit;

/// <summary>What ext_proc did with the exchange.</summary>
public enum RedactionAction
{
    /// <summary>Nothing had to change.</summary>
    Passed = 1,

    /// <summary>Values were replaced and the exchange continued.</summary>
    Redacted = 2,

    /// <summary>The exchange was refused (for example PHI in the URL, or a body that could not be checked).</summary>
    Blocked = 3,
}
