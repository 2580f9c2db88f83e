using System.Globalization;
using Envoy.Service.Auth.V3;
using PhiGate.Load;

var options = LoadOptions.Parse(args, out var error);
if (options is null)
{
    Console.Error.WriteLine(error);
    return 2;
}

using var setup = LoadSetup.Create();
var executable = options.PhigatePath ?? ServerProcess.FindExecutable();
if (options.Target is null && executable is null)
{
    Console.Error.WriteLine("phigate executable not found: build src/PhiGate first or pass --phigate PATH");
    return 2;
}

var repeated = Requests.Build(setup, [setup.MintToken()]);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"phigate-load: {Environment.ProcessorCount} cores, {options.Connections} connections, {(options.Rate > 0 ? $"{options.Rate} req/s fixed rate" : $"{options.Concurrency} in flight")}, {options.Duration.TotalSeconds:F0} s per run"));

if (!options.CompareBaseline)
{
    var requests = options.Scenario == "fresh" ? Requests.Build(setup, Requests.FreshTokens(setup, options.FreshTokens)) : repeated;
    using var server = options.Target is null ? await StartAsync(validatedCacheSize: options.Scenario == "fresh" ? 0 : 10_000) : null;
    using var runner = new LoadRunner(options.Target ?? server!.GrpcAddress, options.Connections);
    var method = options.Scenario == "baseline" ? LoadRunner.Baseline : LoadRunner.Check;
    Console.WriteLine((await runner.RunAsync(options.Scenario, method, requests, options)).Format());
    return 0;
}

// 1-3: repeated token with the RBAC policy against the no-op baseline, same host, same client.
LatencyReport baseline, rbac, fixedRate;
using (var server = await StartAsync(validatedCacheSize: 10_000))
using (var runner = new LoadRunner(server.GrpcAddress, options.Connections))
{
    baseline = await runner.RunAsync("baseline (no-op)", LoadRunner.Baseline, repeated, options);
    Console.WriteLine(baseline.Format());
    rbac = await runner.RunAsync("check repeated token + rbac", LoadRunner.Check, repeated, options);
    Console.WriteLine(rbac.Format());
    fixedRate = await runner.RunAsync("check rbac @ 5000 req/s", LoadRunner.Check, repeated, options.WithRate(5_000));
    Console.WriteLine(fixedRate.Format());
}

// 4: a fresh RS256 signature check per request (validated-token cache off).
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"signing {options.FreshTokens} distinct RS256 tokens..."));
var fresh = Requests.Build(setup, Requests.FreshTokens(setup, options.FreshTokens));
LatencyReport freshReport;
using (var server = await StartAsync(validatedCacheSize: 0))
using (var runner = new LoadRunner(server.GrpcAddress, options.Connections))
{
    freshReport = await runner.RunAsync("check fresh RS256 token", LoadRunner.Check, fresh, options);
    Console.WriteLine(freshReport.Format());
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"rbac/baseline: {100 * rbac.RequestsPerSecond / baseline.RequestsPerSecond:F1} % (target >= 45 %); p99 at 5000 req/s: {fixedRate.PercentileMs(99):F3} ms (target <= 1 ms); fresh RS256: {freshReport.RequestsPerSecond:F0} req/s (target >= 15000)"));
return 0;

async Task<ServerProcess> StartAsync(int validatedCacheSize)
{
    var grpcPort = ServerProcess.FreePort();
    var adminPort = ServerProcess.FreePort();
    var config = setup.WriteConfig(grpcPort, adminPort, validatedCacheSize);
    return await ServerProcess.StartAsync(executable!, config, grpcPort, adminPort);
}

/// <summary>Builds the CheckRequests Envoy would send for the load client.</summary>
internal static class Requests
{
    public static List<string> FreshTokens(LoadSetup setup, int count)
    {
        var tokens = new string[count];
        Parallel.For(0, count, i => tokens[i] = setup.MintToken());
        return [.. tokens];
    }

    public static List<CheckRequest> Build(LoadSetup setup, IReadOnlyList<string> tokens)
    {
        var certificate = Uri.EscapeDataString(setup.CertificatePem);
        var requests = new List<CheckRequest>(tokens.Count);
        var id = 1000L;
        foreach (var token in tokens)
        {
            var http = new AttributeContext.Types.HttpRequest
            {
                Id = (id++).ToString(CultureInfo.InvariantCulture),
                Method = "GET",
                Path = "/fhir/Patient/123?_format=json",
                Host = "ehr.example.org",
                Scheme = "https",
                Protocol = "HTTP/2",
            };
            http.Headers[":authority"] = "ehr.example.org";
            http.Headers[":method"] = "GET";
            http.Headers[":path"] = "/fhir/Patient/123?_format=json";
            http.Headers[":scheme"] = "https";
            http.Headers["accept"] = "application/fhir+json";
            http.Headers["authorization"] = "Bearer " + token;
            http.Headers["user-agent"] = "phigate-load";
            http.Headers["x-request-id"] = Guid.NewGuid().ToString();
            var attributes = new AttributeContext
            {
                Source = new AttributeContext.Types.Peer { Principal = LoadSetup.SpiffeId, Certificate = certificate },
                Destination = new AttributeContext.Types.Peer { Principal = "spiffe://load.phigate.test/ns/ehr/sa/ehr-api" },
                Request = new AttributeContext.Types.Request { Http = http, Time = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow) },
            };
            requests.Add(new CheckRequest { Attributes = attributes });
        }

        return requests;
    }
}
