using Microsoft.Extensions.Configuration;
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

    /// <summary>Binds <c>authz.tokens</c> (validated at start-up) and registers the token pipeline, key refresh and readiness.</summary>
    public static IServiceCollection AddPhiGateTokens(this IServiceCollection services, IConfiguration tokensSection)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(tokensSection);
        services.AddOptions<TokenOptions>().Bind(tokensSection).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TokenOptions>, TokenOptionsValidation>());
        services.TryAddSingleton(TimeProvider.System);
        // Keyed so nobody else's HttpClient is replaced; the container disposes it.
        services.TryAddKeyedSingleton(HttpClientKey, (_, _) => TokenPipeline.CreateHttpClient());
        services.TryAddSingleton(provider => TokenPipeline.Create(
            provider.GetRequiredService<IOptions<TokenOptions>>().Value,
            provider.GetRequiredKeyedService<HttpClient>(HttpClientKey),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILoggerFactory>()));
        services.TryAddSingleton(provider => provider.GetRequiredService<TokenPipeline>().Authenticator);
        services.AddHostedService<KeyRefreshService>();
        services.AddHealthChecks().AddCheck<KeysReadyHealthCheck>(KeysReadyHealthCheck.Name, tags: ["ready"]);
        return services;
    }
}
