namespace PhiGate.Authz.Replay;

/// <summary>Records jti uses atomically until the token expires.</summary>
internal interface IReplayStore
{
    /// <summary>
    /// Records <paramref name="key"/> for <paramref name="caller"/> if absent (expiring at <paramref name="expiresAt"/>).
    /// In <see cref="ReplayMode.Once"/> any earlier record is a replay; in <see cref="ReplayMode.Bind"/> only one for another caller is.
    /// </summary>
    ValueTask<ReplayClaim> ClaimAsync(string key, string caller, ReplayMode mode, DateTimeOffset expiresAt, CancellationToken cancellationToken);
}
