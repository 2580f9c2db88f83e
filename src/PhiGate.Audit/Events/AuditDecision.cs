namespace PhiGate.Audit;

/// <summary>The outcome of an ext_authz Check as recorded in the trail.</summary>
public enum AuditDecision
{
    /// <summary>The request was allowed.</summary>
    Allow = 1,

    /// <summary>The request was denied (policy, token, or a failure that denies).</summary>
    Deny = 2,
}
