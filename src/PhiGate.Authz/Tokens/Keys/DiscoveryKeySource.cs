using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace PhiGate.Authz.Tokens.Keys;

/// <summary>
/// Reads the OIDC discovery document, checks that it speaks for the configured issuer (OIDC Discovery §4.3),
/// then fetches its <c>jwks_uri</c>, which must itself pass <see cref="KeyUrlPolicy"/>.
/// </summary>
internal sealed class DiscoveryKeySource(HttpDocumentFetcher fetcher, Uri discoveryUri, string issuer) : IKeySource
{
    public async Task<KeyFetchResult> FetchAsync(CancellationToken cancellationToken)
    {
        var document = await fetcher.GetAsync(discoveryUri, cancellationToken).ConfigureAwait(false);
        if (document.Json is null)
        {
            return document;
        }

        OpenIdConnectConfiguration configuration;
        try
        {
            configuration = OpenIdConnectConfiguration.Create(document.Json);
        }
        catch (ArgumentException)
        {
            return KeyFetchResult.Fail(KeyFetchFailure.InvalidDocument);
        }
        catch (System.Text.Json.JsonException)
        {
            return KeyFetchResult.Fail(KeyFetchFailure.InvalidDocument);
        }

        if (!string.Equals(configuration.Issuer, issuer, StringComparison.Ordinal))
        {
            return KeyFetchResult.Fail(KeyFetchFailure.IssuerMismatch);
        }

        if (!KeyUrlPolicy.IsAllowed(configuration.JwksUri, out var jwksUri) || jwksUri is null)
        {
            return KeyFetchResult.Fail(KeyFetchFailure.InsecureUrl);
        }

        return await fetcher.GetAsync(jwksUri, cancellationToken).ConfigureAwait(false);
    }
}
