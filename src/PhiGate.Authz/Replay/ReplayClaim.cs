namespace PhiGate.Authz.Replay;

/// <summary>What a replay store answers when asked to record a use of a jti.</summary>
public enum ReplayClaim
{
    /// <summary>The jti was not known: it is now recorded for this caller.</summary>
    FirstUse = 0,

    /// <summary>The jti was recorded before for the same caller (bind mode: a legitimate reuse).</summary>
    SameCaller,

    /// <summary>The jti was recorded before for another caller, or at all in once mode: a replay.</summary>
    Replayed,

    /// <summary>The store could not answer (Redis down, memory store full).</summary>
    Unavailable,
}
