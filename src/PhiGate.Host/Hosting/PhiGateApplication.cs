using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PhiGate.Authz;
using PhiGate.ExtProc;
using PhiGate.Host.Configuration;
using PhiGate.Host.Health;
using PhiGate.Host.Metrics;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace PhiGate.Host.Hosting;

/// <summary>The composition root: configuration, Kestrel listeners, services, endpoints.</summary>
public static class PhiGateApplication
{
    /// <summary>Builds the host without starting it.</summary>
    /// <remarks>
    /// 1. Read the YAML file, the <c>PHIGATE_*</c> variables and the flags into one configuration.
    /// 2. Bind and validate the <c>server</c> section now: the listeners depend on it.
    /// 3. Register the features (authz, ext_proc, audit), each through its own <c>AddPhiGateX</c>.
    /// 4. Listen: gRPC as HTTP/2 cleartext (TCP or Unix socket), admin as HTTP/1.1.
    /// 5. Map gRPC services, gRPC health, and the admin endpoints.
    /// Throws <see cref="ConfigurationProblemsException"/> with one line per problem.
    /// </remarks>
    public static PhiGateServer Build(ServeSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        DurationConverter.Register();
        var configuration = LoadConfiguration(settings, out var problems);
        var server = BindServer(configuration, problems);
        if (problems.Count > 0 || server is null)
        {
            throw new ConfigurationProblemsException(problems);
        }

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddConfiguration(configuration);
        ConfigureLogging(builder, settings);
        ConfigureServices(builder.Services, configuration, server);
        settings.ConfigureServices?.Invoke(builder.Services);
        ConfigureListeners(builder.WebHost, server);

        var app = builder.Build();
        MapEndpoints(app);
        return new PhiGateServer(app, server, settings.ConfigFile is null);
    }

    private static IConfigurationRoot LoadConfiguration(ServeSettings settings, out List<string> problems)
    {
        problems = [];
        var builder = new ConfigurationBuilder();
        if (settings.ConfigFile is not null)
        {
            builder.Add(new YamlConfigurationSource(YamlConfigurationLoader.Load(settings.ConfigFile, problems)));
        }

        builder.Add(new YamlConfigurationSource(EnvironmentOverrides.Read(settings.Environment ?? Environment.GetEnvironmentVariables())));
        var flags = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (settings.Grpc is not null)
        {
            flags["server:grpc"] = settings.Grpc;
        }

        if (settings.Admin is not null)
        {
            flags["server:admin"] = settings.Admin;
        }

        foreach (var (key, value) in settings.Overrides ?? new Dictionary<string, string?>())
        {
            flags[string.Join(':', key.Split(':').Select(ConfigurationKeys.Normalize))] = value;
        }

        builder.Add(new YamlConfigurationSource(flags));
        return builder.Build();
    }

    private static ServerOptions? BindServer(IConfiguration configuration, List<string> problems)
    {
        var options = new ServerOptions();
        try
        {
            configuration.GetSection("server").Bind(options, o => o.ErrorOnUnknownConfiguration = true);
        }
        catch (InvalidOperationException ex)
        {
            problems.Add($"server: {ex.Message}");
            return null;
        }

        var result = new ServerOptionsValidator().Validate(null, options);
        if (result.Failed)
        {
            problems.AddRange(result.Failures);
        }

        return options;
    }

    private static void ConfigureLogging(WebApplicationBuilder builder, ServeSettings settings)
    {
        builder.Logging.ClearProviders();
        if (settings.LogToStdout)
        {
            builder.Services.AddSerilog(log => log
                .MinimumLevel.Information()
                .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
                .MinimumLevel.Override("Grpc", LogEventLevel.Warning)
                .Enrich.FromLogContext()
                .WriteTo.Console(new CompactJsonFormatter()));
        }

        settings.ConfigureLogging?.Invoke(builder.Logging);
    }

    private static void ConfigureServices(IServiceCollection services, IConfiguration configuration, ServerOptions server)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(Options.Create(server));
        services.AddSingleton<Readiness>();
        services.AddHostedService<DrainOnShutdown>();
        services.Configure<HostOptions>(o => o.ShutdownTimeout = server.DrainDelay + server.ShutdownTimeout);

        services.AddGrpc(o =>
        {
            o.Interceptors.Add<GrpcCallInterceptor>();
            o.EnableDetailedErrors = false;
        });
        services.AddHealthChecks().AddCheck<Readiness>("draining", tags: [Readiness.Tag]);
        services.AddGrpcHealthChecks();

        services.AddPhiGateAuthz(configuration.GetSection("authz"));
        services.AddPhiGateExtProc(configuration.GetSection("extproc"));
    }

    private static void ConfigureListeners(IWebHostBuilder webHost, ServerOptions server)
    {
        var grpc = ListenAddress.Parse(server.Grpc);
        var admin = ListenAddress.Parse(server.Admin);
        webHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            Listen(kestrel, grpc, HttpProtocols.Http2, ListenerKind.Grpc);
            Listen(kestrel, admin, HttpProtocols.Http1, ListenerKind.Admin);
        });
    }

    private static void Listen(KestrelServerOptions kestrel, ListenAddress address, HttpProtocols protocols, ListenerKind kind)
    {
        void Configure(ListenOptions listen)
        {
            listen.Protocols = protocols;
            listen.Use(next => connection =>
            {
                connection.Items[typeof(ListenerKind)] = kind;
                return next(connection);
            });
        }

        if (address.UnixSocketPath is { } path)
        {
            UnixSocketFile.RemoveStale(path);
            kestrel.ListenUnixSocket(path, Configure);
        }
        else
        {
            kestrel.Listen(address.Tcp!, Configure);
        }
    }

    private static void MapEndpoints(WebApplication app)
    {
        app.UseMiddleware<ListenerIsolationMiddleware>();
        app.MapPhiGateAuthz();
        app.MapPhiGateExtProc();
        app.MapGrpcHealthChecksService();
        AdminEndpoints.Map(app);
    }
}
