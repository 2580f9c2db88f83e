using Microsoft.Extensions.Options;

namespace PhiGate.Host.Configuration;

/// <summary>Refuses listener addresses PhiGate cannot or must not bind.</summary>
internal sealed class ServerOptionsValidator : IValidateOptions<ServerOptions>
{
    public ValidateOptionsResult Validate(string? name, ServerOptions options)
    {
        var failures = new List<string>();
        Check("server.grpc", options.Grpc, failures);
        Check("server.admin", options.Admin, failures);
        if (options.DrainDelay < TimeSpan.Zero || options.DrainDelay > TimeSpan.FromMinutes(5))
        {
            failures.Add("server.drain_delay: must be between 0s and 5m");
        }

        if (options.ShutdownTimeout <= TimeSpan.Zero || options.ShutdownTimeout > TimeSpan.FromMinutes(10))
        {
            failures.Add("server.shutdown_timeout: must be between 1ms and 10m");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(string key, string value, List<string> failures)
    {
        if (!ListenAddress.TryParse(value, out _, out var error))
        {
            failures.Add($"{key}: {error}");
        }
    }
}
