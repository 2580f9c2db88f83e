namespace PhiGate.Authz.Tokens.Keys;

/// <summary>Where an issuer's JWKS comes from: a <c>jwks_uri</c>, OIDC discovery, or a file.</summary>
internal interface IKeySource
{
    /// <summary>Fetches the JWKS document. Failures are values.</summary>
    Task<KeyFetchResult> FetchAsync(CancellationToken cancellationToken);
}
