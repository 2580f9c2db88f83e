namespace PhiGate.Host.Configuration;

/// <summary>The <c>server</c> section: where PhiGate listens and how it stops.</summary>
public sealed class ServerOptions
{
    /// <summary>gRPC address for Envoy: <c>host:port</c> or <c>unix:/path.sock</c>. Default <c>127.0.0.1:9191</c>.</summary>
    public string Grpc { get; set; } = "127.0.0.1:9191";

    /// <summary>Admin HTTP address (<c>/metrics</c>, <c>/healthz</c>, <c>/readyz</c>). Default <c>127.0.0.1:9901</c>.</summary>
    public string Admin { get; set; } = "127.0.0.1:9901";

    /// <summary>
    /// After SIGTERM, how long readiness reports false while calls are still served, so load balancers
    /// stop sending new work before the listeners close. Default 2 s.
    /// </summary>
    public TimeSpan DrainDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Upper bound for in-flight calls to finish once the listeners close. Default 10 s.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Serve a no-op gRPC method used as the load generator's baseline. Default false.</summary>
    public bool EnableBaseline { get; set; }
}
