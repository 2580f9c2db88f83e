using Envoy.Service.Auth.V3;
using Envoy.Service.ExtProc.V3;
using Grpc.Core;
using Grpc.Net.Client;

namespace PhiGate.Testing.Envoy;

/// <summary>
/// Plays Envoy's part against a PhiGate server over a real gRPC channel: ext_authz Check calls with
/// requests filled as Envoy fills them, and ext_proc streams driven in Envoy's order for every processing
/// mode. Any answer Envoy would reject fails with <see cref="EnvoyProtocolViolationException"/>.
/// </summary>
public sealed partial class EnvoyDriver : IDisposable
{
    private readonly GrpcChannel _channel;
    private readonly Authorization.AuthorizationClient _authz;
    private readonly ExternalProcessor.ExternalProcessorClient _extProc;

    private EnvoyDriver(GrpcChannel channel)
    {
        _channel = channel;
        _authz = new Authorization.AuthorizationClient(channel);
        _extProc = new ExternalProcessor.ExternalProcessorClient(channel);
    }

    public static EnvoyDriver ForTcp(string address) => new(GrpcChannels.ForTcp(address));

    public static EnvoyDriver ForUnixSocket(string path) => new(GrpcChannels.ForUnixSocket(path));

    public GrpcChannel Channel => _channel;

    /// <summary>One ext_authz Check, with Envoy's default 200 ms timeout unless told otherwise.</summary>
    public async Task<CheckResponse> CheckAsync(CheckRequest request, TimeSpan? timeout = null)
    {
        // Envoy sends grpc-timeout from the filter's timeout; tests allow more for a cold JIT.
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        return await _authz.CheckAsync(request, new CallOptions(deadline: deadline));
    }

    public Task<CheckResponse> CheckAsync(CheckRequestBuilder builder, TimeSpan? timeout = null) => CheckAsync(builder.Build(), timeout);

    /// <summary>Drives one HTTP exchange through ext_proc as Envoy would, applying every answer.</summary>
    public async Task<ExchangeResult> ProcessAsync(HttpExchange exchange, ExtProcSettings? settings = null, CancellationToken cancellationToken = default)
    {
        settings ??= ExtProcSettings.Buffered();
        using var call = _extProc.Process(cancellationToken: cancellationToken);
        var run = new ExchangeRun(call, exchange, settings);
        await run.RunAsync();
        return run.Result;
    }

    /// <summary>Opens a raw stream for tests that break Envoy's order on purpose.</summary>
    public AsyncDuplexStreamingCall<ProcessingRequest, ProcessingResponse> OpenProcessStream(CancellationToken cancellationToken = default) =>
        _extProc.Process(cancellationToken: cancellationToken);

    public void Dispose() => _channel.Dispose();
}
