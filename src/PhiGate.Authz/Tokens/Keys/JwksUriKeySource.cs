namespace PhiGate.Authz.Tokens.Keys;

/// <summary>Fetches a JWKS from a configured <c>jwks_uri</c>.</summary>
internal sealed class JwksUriKeySource(HttpDocumentFetcher fetcher, Uri jwksUri) : IKeySource
{
    public Task<KeyFetchResult> FetchAsync(CancellationToken cancellationToken) => fetcher.GetAsync(jwksUri, cancellationToken);
}
