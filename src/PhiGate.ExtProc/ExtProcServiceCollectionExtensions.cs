using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace PhiGate.ExtProc;

/// <summary>Registers ext_proc: options from the <c>extproc</c> section, and the Process service.</summary>
public static class ExtProcServiceCollectionExtensions
{
    public static IServiceCollection AddPhiGateExtProc(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);
        services.AddOptions<Redaction.RedactionOptions>().Bind(section).ValidateOnStart();
        services.AddSingleton<IPostConfigureOptions<Redaction.RedactionOptions>, Redaction.RedactionOptionsSetup>();
        services.AddSingleton<IValidateOptions<Redaction.RedactionOptions>, Redaction.RedactionOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<Redaction.RedactionServices>();
        services.TryAddSingleton<IExchangeHandlerFactory, Redaction.RedactionHandlerFactory>();
        return services;
    }

    public static IEndpointRouteBuilder MapPhiGateExtProc(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGrpcService<ProcessService>();
        return endpoints;
    }
}
