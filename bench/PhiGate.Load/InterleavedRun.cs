using System.Diagnostics;
using System.Globalization;
using Envoy.Service.Auth.V3;
using Grpc.Core;
using Grpc.Net.Client;

namespace PhiGate.Load;

/// <summary>
/// Two servers (audit off against audit on, or one setting against another) both running, measured in alternating one-second slices
/// (off, on, on, off, ...), so a neighbour's build or load test that starts half-way through a run
/// weighs on both sides alike instead of on whichever phase it happened to overlap.
/// </summary>
/// <remarks>
/// Only the server being driven does work; the idle one wakes its audit writer once a second. Each side
/// adds up its slices' calls, elapsed time and CPU; the per-slice ratios show how much the machine moved.
/// </remarks>
internal static class InterleavedRun
{
    private static readonly TimeSpan Slice = TimeSpan.FromSeconds(1);

    public static async Task RunAsync((string Label, SpawnedServer Server) a, (string Label, SpawnedServer Server) b, string[] tokens, LoadSettings settings)
    {
        var requests = tokens.Select(CheckCalls.Build).ToArray();
        var sides = new[] { new Side(a.Label, a.Server, requests, settings), new Side(b.Label, b.Server, requests, settings) };
        try
        {
            foreach (var method in new[] { CheckCalls.Baseline, CheckCalls.Check })
            {
                var name = method == CheckCalls.Check ? "check" : "baseline";
                // Warm-up alternates too: a server that sits idle while the other warms up finishes its
                // background tier-up undisturbed and would start the measured slices ahead.
                for (var i = 0; i < Slices(settings.Warmup); i++)
                {
                    foreach (var side in i % 2 == 0 ? sides : [sides[1], sides[0]])
                    {
                        await side.Clients.RunAsync(method, Slice);
                    }
                }

                foreach (var side in sides)
                {
                    side.Reset();
                }

                var ratios = new List<double>();
                for (var i = 0; i < Slices(settings.Duration); i++)
                {
                    // ABBA order: a trend in the machine's load within a pair favours neither side.
                    var order = i % 2 == 0 ? sides : [sides[1], sides[0]];
                    foreach (var side in order)
                    {
                        await side.MeasureAsync(method);
                    }

                    ratios.Add(sides[1].LastRate / sides[0].LastRate);
                }

                foreach (var side in sides)
                {
                    side.Print(name);
                }

                ratios.Sort();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"[interleaved] {name,-8} {b.Label} / {a.Label}: {sides[1].Rate / sides[0].Rate:P1} of req/s, server CPU per call {sides[1].ServerMicros - sides[0].ServerMicros:+0.0;-0.0} µs; slice ratios min {ratios[0]:P0} median {ratios[ratios.Count / 2]:P0} max {ratios[^1]:P0}"));
            }
        }
        finally
        {
            foreach (var side in sides)
            {
                side.Dispose();
            }
        }
    }

    private static int Slices(TimeSpan duration) => Math.Max(1, (int)Math.Round(duration / Slice));

    private sealed class Side(string label, SpawnedServer server, CheckRequest[] requests, LoadSettings settings) : IDisposable
    {
        private long _requests;
        private long _errors;
        private TimeSpan _elapsed;
        private double _clientMicros;
        private double _serverMicros;
        private readonly List<long[]> _latencies = [];

        /// <summary>One client set for all slices, so fresh tokens keep coming in order across slices.</summary>
        public CheckClients Clients { get; } = new(server.Grpc, requests, settings);

        public double LastRate { get; private set; }

        public double Rate => _requests / _elapsed.TotalSeconds;

        public double ServerMicros => _serverMicros / _requests;

        public void Reset()
        {
            _requests = 0;
            _errors = 0;
            _elapsed = TimeSpan.Zero;
            _clientMicros = 0;
            _serverMicros = 0;
            _latencies.Clear();
        }

        public async Task MeasureAsync(Method<CheckRequest, CheckResponse> method)
        {
            var meter = new CpuMeter(server.Process);
            meter.Start();
            var clock = Stopwatch.StartNew();
            var summary = await Clients.RunAsync(method, Slice);
            var elapsed = clock.Elapsed;
            var (client, serverPerCall) = meter.PerRequest(summary.Requests);
            _requests += summary.Requests;
            _errors += summary.Errors;
            _elapsed += elapsed;
            _clientMicros += client * summary.Requests;
            _serverMicros += (serverPerCall ?? 0) * summary.Requests;
            LastRate = summary.Requests / elapsed.TotalSeconds;
            _latencies.Add(summary.SortedTicks);
        }

        /// <summary>Throughput, CPU, and the latency percentiles of all slices pooled (the figure to compare at a fixed rate).</summary>
        public void Print(string name)
        {
            var pooled = _latencies.SelectMany(l => l).ToArray();
            Array.Sort(pooled);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"[{label}] {name,-8} {settings.Shape}, interleaved: {Rate,10:N0} req/s  p50 {LatencySummary.PercentileMicros(pooled, 0.50) / 1000:F3} ms  p99 {LatencySummary.PercentileMicros(pooled, 0.99) / 1000:F3} ms  p99.9 {LatencySummary.PercentileMicros(pooled, 0.999) / 1000:F3} ms  errors {_errors}  CPU per call: server {ServerMicros,7:F1} µs  client {_clientMicros / _requests,7:F1} µs"));
        }

        public void Dispose() => Clients.Dispose();
    }
}
