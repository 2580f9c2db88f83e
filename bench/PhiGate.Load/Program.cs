using System.CommandLine;
using System.Globalization;
using PhiGate.Load;

// PhiGate's load generator: Check and the no-op baseline against `phigate serve`, measured in the same run.
var target = new Option<string?>("--target") { Description = "gRPC address of a running phigate serve (with server.enable_baseline); without it, one is started from this build." };
var concurrency = new Option<int>("--concurrency") { Description = "Closed loop: calls in flight.", DefaultValueFactory = _ => 32 };
var rate = new Option<int>("--rate") { Description = "Open loop: calls per second (0 = closed loop).", DefaultValueFactory = _ => 0 };
var seconds = new Option<int>("--seconds") { Description = "Measured seconds per scenario.", DefaultValueFactory = _ => 10 };
var warmup = new Option<int>("--warmup") { Description = "Warm-up seconds per scenario.", DefaultValueFactory = _ => 3 };
var connections = new Option<int>("--connections") { Description = "HTTP/2 connections.", DefaultValueFactory = _ => 4 };
var tokens = new Option<string>("--tokens") { Description = "repeated (one token, cached after first use) or fresh (30,000 distinct RS256 tokens cycled).", DefaultValueFactory = _ => "repeated" };
var processBody = new Option<FileInfo?>("--process-bundle") { Description = "Also time ext_proc round trips: a ~64 KB searchset built from this FHIR bundle, redacted under safe_harbor, one exchange at a time." };
var audit = new Option<string>("--audit") { Description = "Spawned server: on, off, or compare (both, one after the other).", DefaultValueFactory = _ => "on" };
var root = new RootCommand("Drives Envoy's Check against phigate serve and prints requests/s and p50/p99/p99.9 next to a no-op baseline.")
{
    target, concurrency, rate, seconds, warmup, connections, tokens, audit, processBody,
};
root.SetAction(async (result, _) =>
{
    var settings = new LoadSettings(
        result.GetValue(concurrency), result.GetValue(rate), TimeSpan.FromSeconds(result.GetValue(seconds)),
        TimeSpan.FromSeconds(result.GetValue(warmup)), result.GetValue(connections), result.GetValue(tokens) == "fresh");
    using var factory = new TokenFactory();
    Console.WriteLine($"minting {(settings.FreshTokens ? 30_000 : 1):N0} token(s)...");
    var minted = settings.FreshTokens ? factory.MintParallel(30_000) : factory.Mint(1);
    if (result.GetValue(target) is { } address)
    {
        await Scenarios.RunAsync(address, minted, settings, "external");
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
        await using var server = await SpawnedServer.StartAsync(factory, auditOn);
        await Scenarios.RunAsync(server.GrpcAddress, minted, settings, auditOn ? "audit on" : "audit off");
        if (result.GetValue(processBody) is { } bundle)
        {
            var body = ProcessExchange.Body64K(bundle.FullName);
            var s = await ProcessExchange.RunAsync(server.GrpcAddress, body, settings.Warmup, settings.Duration);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"[{(auditOn ? "audit on" : "audit off")}] ext_proc {body.Length:N0}-byte body, one at a time: {s.RequestsPerSecond,8:N0} exchanges/s  p50 {s.P50Micros / 1000:F3} ms  p99 {s.P99Micros / 1000:F3} ms  p99.9 {s.P999Micros / 1000:F3} ms  not redacted {s.Errors}"));
        }
    }

    return 0;
});
return await root.Parse(args).InvokeAsync();

internal sealed record LoadSettings(int Concurrency, int Rate, TimeSpan Duration, TimeSpan Warmup, int Connections, bool FreshTokens);

internal static class Scenarios
{
    public static async Task RunAsync(string address, string[] tokens, LoadSettings settings, string label)
    {
        var channels = CheckCalls.Channels(address, settings.Connections);
        try
        {
            var requests = tokens.Select(CheckCalls.Build).ToArray();
            var probe = await channels[0].CreateCallInvoker().AsyncUnaryCall(CheckCalls.Check, null, default, requests[0]);
            var allowed = probe.Status is null || probe.Status.Code == 0;
            Console.WriteLine($"[{label}] probe Check: {(allowed ? "allowed" : $"denied (status {probe.Status!.Code}, http {probe.DeniedResponse?.Status?.Code})")}");

            var baseline = await Measure(new LoadRun(channels, CheckCalls.Baseline, requests), settings);
            Print(label, "baseline", baseline, null, settings);
            var check = await Measure(new LoadRun(channels, CheckCalls.Check, requests), settings);
            Print(label, "check", check, baseline, settings);
        }
        finally
        {
            foreach (var channel in channels)
            {
                channel.Dispose();
            }
        }
    }

    private static Task<LatencySummary> Measure(LoadRun run, LoadSettings settings) =>
        settings.Rate > 0 ? run.RunOpenAsync(settings.Rate, settings.Warmup, settings.Duration) : run.RunClosedAsync(settings.Concurrency, settings.Warmup, settings.Duration);

    private static void Print(string label, string name, LatencySummary s, LatencySummary? baseline, LoadSettings settings)
    {
        var shape = settings.Rate > 0 ? $"rate {settings.Rate}/s" : $"concurrency {settings.Concurrency}";
        var ratio = baseline is null ? string.Empty : $"  ({s.RequestsPerSecond / baseline.RequestsPerSecond:P0} of baseline)";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"[{label}] {name,-8} {shape}: {s.RequestsPerSecond,10:N0} req/s  p50 {s.P50Micros / 1000,6:F3} ms  p99 {s.P99Micros / 1000,6:F3} ms  p99.9 {s.P999Micros / 1000,6:F3} ms  errors {s.Errors}{ratio}"));
    }
}
