using System.Collections;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PhiGate.Host.Hosting;

/// <summary>What <c>phigate serve</c> was given: a file, flag overrides and the environment.</summary>
public sealed class ServeSettings
{
    /// <summary>YAML configuration file; null runs on the embedded defaults.</summary>
    public string? ConfigFile { get; init; }

    /// <summary><c>--grpc</c>: overrides <c>server.grpc</c>.</summary>
    public string? Grpc { get; init; }

    /// <summary><c>--admin</c>: overrides <c>server.admin</c>.</summary>
    public string? Admin { get; init; }

    /// <summary>Environment variables to read <c>PHIGATE_*</c> overrides from; the process environment when null.</summary>
    public IDictionary? Environment { get; init; }

    /// <summary>Extra keys applied last (tests and embedding); keys use the <c>section:key</c> form.</summary>
    public IReadOnlyDictionary<string, string?>? Overrides { get; init; }

    /// <summary>Write Serilog compact JSON to stdout. Default true.</summary>
    public bool LogToStdout { get; init; } = true;

    /// <summary>Hook for tests: extra logging providers (for example one that fails a test on an error).</summary>
    public Action<ILoggingBuilder>? ConfigureLogging { get; init; }

    /// <summary>Hook for tests and embedding: replace services (for example a fake TimeProvider).</summary>
    public Action<IServiceCollection>? ConfigureServices { get; init; }
}
