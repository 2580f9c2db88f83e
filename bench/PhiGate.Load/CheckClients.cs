using Envoy.Service.Auth.V3;
using Grpc.Core;
using Grpc.Net.Client;
using PhiGate.Load.Wire;

namespace PhiGate.Load;

/// <summary>Which client drives the load.</summary>
internal enum ClientKind
{
    /// <summary>The HTTP/2 event-loop client in <c>Wire/</c>, shaped like Envoy's (the default).</summary>
    Wire,

    /// <summary>Grpc.Net.Client over SocketsHttpHandler.</summary>
    Grpc,
}

/// <summary>
/// The connections to one server and one run function per method, kept for the whole session so that warm-up,
/// measured runs and interleaved slices continue one token sequence instead of presenting tokens again.
/// </summary>
internal sealed class CheckClients : IDisposable
{
    private readonly LoadSettings _settings;
    private readonly CheckRequest[] _requests;
    private readonly Lazy<byte[][]> _framed;
    private readonly WireConnection[] _wire;
    private readonly Dictionary<string, Func<TimeSpan, Task<LatencySummary>>> _runs = new(StringComparer.Ordinal);
    private readonly string _authority;

    public CheckClients(GrpcTarget target, CheckRequest[] requests, LoadSettings settings)
    {
        _settings = settings;
        _requests = requests;
        _framed = new(() => [.. requests.Select(GrpcFraming.Frame)]);
        _authority = target.Authority;
        Channels = CheckCalls.Channels(target, settings.Connections);
        _wire = settings.Client == ClientKind.Wire ? [.. Enumerable.Range(0, settings.Connections).Select(_ => WireConnection.Connect(target))] : [];
    }

    /// <summary>Grpc.Net.Client channels: the probe always uses them, the load only with <see cref="ClientKind.Grpc"/>.</summary>
    public GrpcChannel[] Channels { get; }

    /// <summary>Runs <paramref name="method"/> for the given time in the configured loop shape and client.</summary>
    public Task<LatencySummary> RunAsync(Method<CheckRequest, CheckResponse> method, TimeSpan duration)
    {
        if (!_runs.TryGetValue(method.FullName, out var run))
        {
            run = Create(method);
            _runs[method.FullName] = run;
        }

        return run(duration);
    }

    public void Dispose()
    {
        foreach (var connection in _wire)
        {
            connection.Dispose();
        }

        foreach (var channel in Channels)
        {
            channel.Dispose();
        }
    }

    private Func<TimeSpan, Task<LatencySummary>> Create(Method<CheckRequest, CheckResponse> method)
    {
        var rate = _settings.Rate;
        var concurrency = _settings.Concurrency;
        if (_settings.Client == ClientKind.Wire)
        {
            var calls = new WireCalls(_wire, Hpack.RequestBlock(_authority, method.FullName), _framed.Value);
            if (rate > 0)
            {
                var open = new WireOpenLoopRun(calls, _settings.MaxInFlight);
                return duration => OnOwnThread(() => open.Run(rate, duration));
            }

            return duration => OnOwnThread(() => WireClosedLoop.Run(calls, concurrency, duration));
        }

        if (rate > 0)
        {
            var open = new GrpcOpenLoopRun(Channels, method, _requests, _settings.MaxInFlight);
            return duration => OnOwnThread(() => open.Run(rate, duration));
        }

        var closed = new LoadRun(Channels, method, _requests);
        return duration => closed.RunClosedAsync(concurrency, duration);
    }

    private static Task<LatencySummary> OnOwnThread(Func<LatencySummary> run) => Task.Factory.StartNew(run, TaskCreationOptions.LongRunning);
}
