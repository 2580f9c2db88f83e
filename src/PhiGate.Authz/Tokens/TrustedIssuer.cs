using PhiGate.Authz.Replay;
using PhiGate.Authz.Tokens.Keys;

namespace PhiGate.Authz.Tokens;

/// <summary>One configured issuer, compiled from validated options.</summary>
internal sealed class TrustedIssuer
{
    public required int Index { get; init; }

    public required string Issuer { get; init; }

    public required IReadOnlyList<string> Audiences { get; init; }

    public required IReadOnlySet<string> Algorithms { get; init; }

    public required ReplayMode Replay { get; init; }

    public required bool AllowMissingJti { get; init; }

    /// <summary>Claims that must be present: the global list plus the issuer's own.</summary>
    public required IReadOnlyList<string> RequiredClaims { get; init; }

    public required IssuerKeyCache Keys { get; init; }
}
