using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PhiGate.Audit;
using Prometheus;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the audit trail.</summary>
public static class AuditServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IAuditTrail"/> (singleton), its options bound to <paramref name="section"/>
    /// (the <c>audit</c> section) and validated at start-up, the background writer as a hosted service,
    /// and an <c>audit</c> health check tagged <c>ready</c>.
    /// </summary>
    public static IServiceCollection AddPhiGateAudit(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);

        services.AddOptions<AuditOptions>().Bind(section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AuditOptions>, AuditOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(_ => new AuditMetrics(Metrics.DefaultRegistry));
        services.TryAddSingleton(CreateTrail);
        services.TryAddSingleton<IAuditTrail>(sp => sp.GetRequiredService<AuditTrail>());
        services.AddHostedService<AuditTrailHostedService>();
        services.AddHealthChecks().AddCheck<AuditTrailHealthCheck>("audit", tags: ["ready"]);
        return services;
    }

    private static AuditTrail CreateTrail(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<AuditOptions>>().Value;
        var errors = new List<string>();
        var settings = AuditSettings.Resolve(options, Environment.GetEnvironmentVariable, errors)
            ?? throw new OptionsValidationException(Options.Options.DefaultName, typeof(AuditOptions), errors);
        return new AuditTrail(
            settings,
            services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<ILogger<AuditTrail>>(),
            services.GetRequiredService<AuditMetrics>());
    }
}
