using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PhiGate.Authz.Decisions;
using PhiGate.Authz.Diagnostics;
using PhiGate.Authz.Options;
using PhiGate.Authz.Tokens;

namespace PhiGate.Authz;

/// <summary>
/// Registers ext_authz: options from the <c>authz</c> section (unknown keys and every invalid value, policies
/// included, stop start-up), caller authentication, the decision pipeline and the Check service.
/// </summary>
public static class AuthzServiceCollectionExtensions
{
    public static IServiceCollection AddPhiGateAuthz(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);
        services.AddOptions<AuthzOptions>().Bind(section, o => o.ErrorOnUnknownConfiguration = true).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AuthzOptions>, AuthzOptionsValidation>());
        services.AddPhiGateTokens();
        services.AddPhiGateDecisions();
        return services;
    }

    public static IEndpointRouteBuilder MapPhiGateAuthz(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGrpcService<CheckService>();

        // The no-op baseline for the load generator exists only when asked for (server.enable_baseline).
        var configuration = endpoints.ServiceProvider.GetRequiredService<IConfiguration>();
        if (configuration.GetValue<bool>("server:enablebaseline"))
        {
            endpoints.MapGrpcService<BaselineService>();
        }

        return endpoints;
    }
}
