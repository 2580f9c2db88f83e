namespace PhiGate.Authz.Tokens;

/// <summary>The parts of a CheckRequest that authentication reads; decoupled from the wire types.</summary>
/// <param name="Headers">Request headers, lower-case keys, as Envoy sends them.</param>
/// <param name="SourcePrincipal">Envoy's <c>source.principal</c> (mTLS only).</param>
/// <param name="SourceCertificate">Envoy's <c>source.certificate</c>: URL-encoded PEM.</param>
/// <param name="ContextExtensions">Envoy's per-route <c>context_extensions</c>.</param>
public sealed record CallerRequest(
    IReadOnlyDictionary<string, string> Headers,
    string? SourcePrincipal,
    string? SourceCertificate,
    IReadOnlyDictionary<string, string> ContextExtensions);
