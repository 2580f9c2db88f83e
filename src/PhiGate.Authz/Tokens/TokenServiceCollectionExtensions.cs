using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PhiGate.Authz.Options;
using PhiGate.Authz.Tokens.Keys;

namespace PhiGate.Authz.Tokens;

/// <summary>Registers caller authentication; called by the feature's one <c>AddPhiGateAuthz</c> extension.</summary>
internal static class TokenServiceCollectionExtensions
{
    private const string HttpClientKey = "phigate-authz-keys";

    /// <summary>The token pipeline (from the validated <c>authz.tokens</c>), scheduled key refresh and key readiness.</summary>
    public static IServiceCollection AddPhiGateTokens(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);

        // Keyed so nobody else's HttpClient is replaced; the container disposes it.
        services.TryAddKeyedSingleton(HttpClientKey, (_, _) => TokenPipeline.CreateHttpClient());
        services.TryAddSingleton(provider => TokenPipeline.Create(
            provider.GetRequiredService<IOptions<AuthzOptions>>().Value.Tokens,
            provider.GetRequiredKeyedService<HttpClient>(HttpClientKey),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILoggerFactory>()));
        services.TryAddSingleton(provider => provider.GetRequiredService<TokenPipeline>().Authenticator);
        services.AddHostedService<KeyRefreshService>();
        services.AddHealthChecks().AddCheck<KeysReadyHealthCheck>(KeysReadyHealthCheck.Name, tags: ["ready"]);
        return services;
    }
}
