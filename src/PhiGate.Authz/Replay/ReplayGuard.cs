using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using PhiGate.Authz.Tokens;

namespace PhiGate.Authz.Replay;

/// <summary>
/// Applies the replay rule of a token's issuer (or a stricter one asked for by the route) through the store.
/// Store keys are SHA-256 digests of issuer and jti, so the store never holds token material.
/// </summary>
internal sealed class ReplayGuard(IReplayStore store, bool allowWhenStoreUnavailable, ILogger logger)
{
    public async ValueTask<TokenFailure> CheckAsync(
        VerifiedToken token, ReplayMode mode, bool allowMissingJti, CallerIdentity caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (token.Jti is null)
        {
            return mode == ReplayMode.Off || allowMissingJti ? TokenFailure.None : TokenFailure.MissingJti;
        }

        if (mode == ReplayMode.Off)
        {
            return TokenFailure.None;
        }

        var key = token.ReplayKey ??= KeyFor(token);
        var claim = await store.ClaimAsync(key, caller.BindingKey, mode, token.ExpiresAt, cancellationToken).ConfigureAwait(false);
        switch (claim)
        {
            case ReplayClaim.FirstUse:
            case ReplayClaim.SameCaller:
                return TokenFailure.None;
            case ReplayClaim.Replayed:
                ReplayLog.ReplayDetected(logger, mode, token.TokenHash[..16]);
                return TokenFailure.Replayed;
            default:
                ReplayLog.StoreUnavailable(logger, allowWhenStoreUnavailable);
                return allowWhenStoreUnavailable ? TokenFailure.None : TokenFailure.ReplayStoreUnavailable;
        }
    }

    internal static string KeyFor(VerifiedToken token)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(token.Issuer + "\n" + token.Jti));
        return Convert.ToHexStringLower(digest);
    }
}
