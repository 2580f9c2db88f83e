using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PhiGate.Authz.Options;
using PhiGate.Authz.PolicyInput;
using PhiGate.Rego;
using PhiGate.Rego.Evaluation;

namespace PhiGate.Authz.Decisions;

/// <summary>Registers the decision pipeline; called by <c>AddPhiGateAuthz</c>.</summary>
internal static class DecisionServiceCollectionExtensions
{
    public static IServiceCollection AddPhiGateDecisions(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<AuthzOptions>>().Value;
            var logger = provider.GetRequiredService<ILogger<CheckHandler>>();
            var time = provider.GetRequiredService<TimeProvider>();
            var timeout = DurationText.ParseValidated(options.DecisionTimeout);
            var loaded = PolicyLoader.Load(options.PolicyDirs, new PolicyEngineOptions
            {
                TimeProvider = time,
                Evaluation = new EvaluationOptions { Timeout = timeout },
            });
            if (loaded.Errors.Count > 0)
            {
                throw new InvalidOperationException("Policies were not validated at start-up.");
            }

            if (loaded.Engine is null)
            {
                DecisionsLog.NoPolicy(logger);
            }
            else
            {
                DecisionsLog.PolicyLoaded(logger, loaded.ModuleCount, options.Decision);
            }

            return new PolicyEvaluator(loaded.Engine, options.Decision, new EvaluationOptions { Timeout = timeout });
        });
        services.TryAddSingleton(provider => new PolicyInputBuilder(provider.GetRequiredService<IOptions<AuthzOptions>>().Value.SkipRequestBodyParse));
        services.TryAddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<AuthzOptions>>().Value;
            return new AuthzSettings(options.DryRun, options.Realm, options.DefaultRedactionProfile);
        });
        services.TryAddSingleton<CheckHandler>();
        return services;
    }
}
