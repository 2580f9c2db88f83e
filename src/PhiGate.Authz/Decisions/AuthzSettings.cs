namespace PhiGate.Authz.Decisions;

/// <summary>Request-path settings compiled from validated <see cref="Options.AuthzOptions"/>.</summary>
internal sealed record AuthzSettings(bool DryRun, string Realm, string DefaultRedactionProfile);
