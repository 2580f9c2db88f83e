using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Envoy.Service.Auth.V3;
using Grpc.Core;
using Grpc.Net.Client;
using PhiGate.Load;

// PhiGate's load generator: Check and the no-op baseline against `phigate serve`, measured in the same run.
var target = new Option<string?>("--target") { Description = "gRPC address of a running phigate serve (with server.enable_baseline); without it, one is started from this build." };
var concurrency = new Option<int>("--concurrency") { Description = "Closed loop: calls in flight.", DefaultValueFactory = _ => 32 };
var rate = new Option<int>("--rate") { Description = "Open loop: calls per second (0 = closed loop).", DefaultValueFactory = _ => 0 };
var seconds = new Option<int>("--seconds") { Description = "Measured seconds per scenario.", DefaultValueFactory = _ => 10 };
var warmup = new Option<int>("--warmup") { Description = "Warm-up seconds per scenario (the server's tiered JIT needs about that long under load to finish).", DefaultValueFactory = _ => 15 };
var connections = new Option<int>("--connections") { Description = "HTTP/2 connections.", DefaultValueFactory = _ => 4 };
var tokens = new Option<string>("--tokens") { Description = "repeated (one token, cached after first use) or fresh (60,000 distinct RS256 tokens cycled, more than the server remembers; the share it did verify is printed).", DefaultValueFactory = _ => "repeated" };
var processBody = new Option<FileInfo?>("--process-bundle") { Description = "Also time ext_proc round trips: a ~64 KB searchset built from this FHIR bundle, redacted under safe_harbor, one exchange at a time." };
var maxInFlight = new Option<int>("--max-in-flight") { Description = "Open loop: calls outstanding at most; a call due beyond that is shed and reported.", DefaultValueFactory = _ => 2_000 };
var serverEnv = new Option<string[]>("--server-env") { Description = "Spawned server: extra environment variable KEY=VALUE (repeatable), e.g. DOTNET_gcServer=1 for an A/B run.", AllowMultipleArgumentsPerToken = false };
var client = new Option<string>("--client") { Description = "wire (an HTTP/2 event-loop client shaped like Envoy's: one reader thread per connection, no thread pool) or grpc (Grpc.Net.Client).", DefaultValueFactory = _ => "wire" };
var abEnv = new Option<string[]>("--ab-env") { Description = "Interleaved A/B of a runtime setting: both servers with audit on, the second one also with this KEY=VALUE (repeatable).", AllowMultipleArgumentsPerToken = false };
var transport = new Option<string>("--transport") { Description = "Spawned server's gRPC listener: unix (a Unix socket, as the Helm chart connects Envoy to PhiGate) or tcp (a loopback port).", DefaultValueFactory = _ => "unix" };
var audit = new Option<string>("--audit") { Description = "Spawned server: on, off, compare (both, one after the other), or interleave (both servers up, measured in alternating one-second slices: the A/B to trust on a busy machine).", DefaultValueFactory = _ => "on" };
var root = new RootCommand("Drives Envoy's Check against phigate serve and prints requests/s and p50/p99/p99.9 next to a no-op baseline.")
{
    target, concurrency, rate, maxInFlight, seconds, warmup, connections, tokens, client, transport, audit, abEnv, serverEnv, processBody,
};
// The server remembers the digests of about 16,000 recently verified tokens (default cache size 10,000):
// cycling through many more keeps nearly every call a first sighting.
const int FreshTokenCount = 60_000;
root.SetAction(async (result, _) =>
{
    var settings = new LoadSettings(
        result.GetValue(concurrency), result.GetValue(rate), TimeSpan.FromSeconds(result.GetValue(seconds)),
        TimeSpan.FromSeconds(result.GetValue(warmup)), result.GetValue(connections), result.GetValue(tokens) == "fresh", result.GetValue(maxInFlight),
        result.GetValue(client) == "grpc" ? ClientKind.Grpc : ClientKind.Wire);
    var tcp = result.GetValue(transport) == "tcp";
    Console.WriteLine($"client: {settings.Client.ToString().ToLowerInvariant()}");
    using var factory = new TokenFactory();
    Console.WriteLine($"minting {(settings.FreshTokens ? FreshTokenCount : 1):N0} token(s)...");
    var minted = settings.FreshTokens ? factory.MintParallel(FreshTokenCount) : factory.Mint(1);
    if (result.GetValue(target) is { } address)
    {
        await Scenarios.RunAsync(GrpcTarget.Parse(address), null, minted, settings, "external");
        return 0;
    }

    var environment = result.GetValue(serverEnv) ?? [];
    if (result.GetValue(abEnv) is { Length: > 0 } changed)
    {
        await using var a = await SpawnedServer.StartAsync(factory, true, tcp, environment);
        await using var b = await SpawnedServer.StartAsync(factory, true, tcp, [.. environment, .. changed]);
        await InterleavedRun.RunAsync(("A", a), ("B " + string.Join(' ', changed), b), minted, settings);
        return 0;
    }

    if (result.GetValue(audit) == "interleave")
    {
        await using var off = await SpawnedServer.StartAsync(factory, false, tcp, environment);
        await using var on = await SpawnedServer.StartAsync(factory, true, tcp, environment);
        await InterleavedRun.RunAsync(("audit off", off), ("audit on", on), minted, settings);
        return 0;
    }

    bool[] auditModes = result.GetValue(audit) switch
    {
        "compare" => [false, true],
        "off" => [false],
        _ => [true],
    };
    foreach (var auditOn in auditModes)
    {
        await using var server = await SpawnedServer.StartAsync(factory, auditOn, tcp, environment);
        await Scenarios.RunAsync(server.Grpc, server, minted, settings, auditOn ? "audit on" : "audit off");
        if (result.GetValue(processBody) is { } bundle)
        {
            var body = ProcessExchange.Body64K(bundle.FullName);
            var label = auditOn ? "audit on" : "audit off";
            var (s, cost) = await ProcessExchange.RunAsync(server.Grpc, settings.Client, body, settings.Warmup, settings.Duration, server.Process, new ServerGcMeter(server.Metrics));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"[{label}] ext_proc {body.Length:N0}-byte body, one at a time: {s.RequestsPerSecond,8:N0} exchanges/s  p50 {s.P50Micros / 1000:F3} ms  p99 {s.P99Micros / 1000:F3} ms  p99.9 {s.P999Micros / 1000:F3} ms  not redacted {s.Errors}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"[{label}] ext_proc per exchange: server CPU {cost.ServerCpuMicros,6:F0} µs  client CPU {cost.ClientCpuMicros,6:F0} µs  server allocated {cost.Gc.AllocatedBytes / s.Requests / 1024,6:F1} KB  (run: gen0 {cost.Gc.Gen0:F0}, gen1 {cost.Gc.Gen1:F0}, gen2 {cost.Gc.Gen2:F0} collections, pauses {cost.Gc.PauseSeconds * 1000:F1} ms)"));
        }
    }

    return 0;
});
return await root.Parse(args).InvokeAsync();

internal sealed record LoadSettings(int Concurrency, int Rate, TimeSpan Duration, TimeSpan Warmup, int Connections, bool FreshTokens, int MaxInFlight, ClientKind Client)
{
    /// <summary>The loop's shape as printed: the fixed rate of an open loop or the concurrency of a closed one.</summary>
    public string Shape => Rate > 0 ? $"rate {Rate}/s" : $"concurrency {Concurrency}";
}

internal static class Scenarios
{
    public static async Task RunAsync(GrpcTarget target, SpawnedServer? server, string[] tokens, LoadSettings settings, string label)
    {
        // The client's own continuations must not wait for the thread pool to grow.
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 16), io);
        var requests = tokens.Select(CheckCalls.Build).ToArray();
        using var clients = new CheckClients(target, requests, settings);
        Console.WriteLine($"[{label}] gRPC target: {target}");
        var probe = await clients.Channels[0].CreateCallInvoker().AsyncUnaryCall(CheckCalls.Check, null, default, requests[0]);
        var allowed = probe.Status is null || probe.Status.Code == 0;
        Console.WriteLine($"[{label}] probe Check: {(allowed ? "allowed" : $"denied (status {probe.Status!.Code}, http {probe.DeniedResponse?.Status?.Code})")}");
        if (settings.Rate > 0)
        {
            Console.WriteLine($"[{label}] open loop: latency is measured from each call's intended send time (start + i/rate), so scheduler lateness and client queueing count against it; no coordinated omission.");
        }

        var baseline = await MeasureAsync(clients, CheckCalls.Baseline, settings, server);
        Print(label, "baseline", baseline, null, settings);
        var check = await MeasureAsync(clients, CheckCalls.Check, settings, server);
        Print(label, "check", check, baseline, settings);
    }

    private static async Task<Measured> MeasureAsync(CheckClients clients, Method<CheckRequest, CheckResponse> method, LoadSettings settings, SpawnedServer? server)
    {
        var meter = new CpuMeter(server?.Process);
        await clients.RunAsync(method, settings.Warmup);
        var handlerBefore = await ScrapeAsync(server, method);
        meter.Start();
        var summary = await clients.RunAsync(method, settings.Duration);
        var (client, serverMicros) = meter.PerRequest(summary.Requests);
        var handlerAfter = await ScrapeAsync(server, method);
        GcTotals? collected = handlerBefore is null || handlerAfter is null ? null : handlerAfter.Gc - handlerBefore.Gc;
        var handler = handlerBefore is null || handlerAfter is null ? ((long, double)?)null : handlerAfter.Percentile(handlerBefore, 0.99);
        double? signatures = handlerBefore is null || handlerAfter is null ? null : (double)(handlerAfter.SignatureChecks - handlerBefore.SignatureChecks) / Math.Max(1, summary.Requests);
        return new Measured(summary, client, serverMicros, handler, signatures, collected);
    }

    private static async Task<ServerMetrics?> ScrapeAsync(SpawnedServer? server, Method<CheckRequest, CheckResponse> method) =>
        server is null ? null : await ServerMetrics.ScrapeAsync(server.Metrics, method.ServiceName, method.Name);

    private static void Print(string label, string name, Measured m, Measured? baseline, LoadSettings settings)
    {
        var s = m.Summary;
        var ratio = baseline is null ? string.Empty : $"  ({s.RequestsPerSecond / baseline.Summary.RequestsPerSecond:P0} of baseline)";
        var open = s.SendLagP99Micros is { } lag ? string.Create(CultureInfo.InvariantCulture, $"  shed {s.Shed}  send lag p99 {lag / 1000:F3} ms") : string.Empty;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"[{label}] {name,-8} {settings.Shape}: {s.RequestsPerSecond,10:N0} req/s  p50 {s.P50Micros / 1000,6:F3} ms  p99 {s.P99Micros / 1000,6:F3} ms  p99.9 {s.P999Micros / 1000,6:F3} ms  errors {s.Errors}{open}{ratio}"));
        if (m.ServerCpuMicros is { } server)
        {
            // Both processes share the machine's cores: this is the rate the CPU would allow with nothing else running.
            var capacity = Environment.ProcessorCount * 1_000_000 / (server + m.ClientCpuMicros);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"[{label}] {name,-8} CPU per call: server {server,7:F1} µs  client {m.ClientCpuMicros,7:F1} µs  => {capacity,10:N0} calls/s on {Environment.ProcessorCount} idle cores"));
        }

        if (m.Handler is { } handler)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"[{label}] {name,-8} handler p99 (server histogram, {handler.Calls:N0} calls): <= {handler.Bound * 1000:0.###} ms  signatures verified per call: {m.SignaturesPerCall:F3}"));
        }

        if (m.Gc is { } gc && s.Requests > 0)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"[{label}] {name,-8} server allocated {gc.AllocatedBytes / s.Requests / 1024:F1} KB per call; gen0 {gc.Gen0:F0}, gen1 {gc.Gen1:F0}, gen2 {gc.Gen2:F0} collections, pauses {gc.PauseSeconds * 1000:F0} ms"));
        }
    }

    private sealed record Measured(LatencySummary Summary, double ClientCpuMicros, double? ServerCpuMicros, (long Calls, double Bound)? Handler, double? SignaturesPerCall, GcTotals? Gc);
}
