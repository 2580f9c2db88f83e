using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Envoy.Config.Core.V3;
using Envoy.Service.ExtProc.V3;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Net.Client;
using PhiGate.Load.Wire;

namespace PhiGate.Load;

/// <summary>
/// ext_proc round trips over the socket: one stream per exchange, request headers, response headers, and a
/// BUFFERED FHIR response body of about 64 KB redacted under <c>safe_harbor</c>, one exchange at a time.
/// </summary>
/// <remarks>
/// Measured as Envoy sees it: from opening the stream to receiving the redacted body, the last answer the
/// HTTP exchange waits for. Closing the stream (half-close, the server's OK) happens after that, as in Envoy
/// where it overlaps with forwarding the response. The channel advertises a large HTTP/2 stream window like
/// Envoy's (256 MiB by default): with the 64 KiB protocol default, a redacted body slightly over 64 KiB
/// would wait for a WINDOW_UPDATE round trip that Envoy never asks for. Everything sent is built once.
/// </remarks>
internal static class ProcessExchange
{
    private const int TargetBytes = 64 * 1024;

    // SocketsHttpHandler's largest allowed stream window; far above any message of this run.
    private const int StreamWindowBytes = 16 * 1024 * 1024;

    private const long MinimumWarmupExchanges = 5_000;

    private static readonly TimeSpan MaximumWarmup = TimeSpan.FromSeconds(30);

    /// <summary>A searchset Bundle filled to about 64 KB with entries of the given FHIR bundle file.</summary>
    public static byte[] Body64K(string bundleFile)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(bundleFile));
        var json = new StringBuilder("""{"resourceType":"Bundle","type":"searchset","entry":[""");
        var first = true;
        foreach (var entry in document.RootElement.GetProperty("entry").EnumerateArray())
        {
            var text = entry.GetRawText();
            if (json.Length + text.Length + 3 > TargetBytes)
            {
                continue;
            }

            json.Append(first ? string.Empty : ",").Append(text);
            first = false;
        }

        return Encoding.UTF8.GetBytes(json.Append("]}").ToString());
    }

    /// <summary>Warms up, then measures; the cost is the measured window's CPU and the server's GC work.</summary>
    public static async Task<(LatencySummary Summary, ExchangeCost Cost)> RunAsync(GrpcTarget target, ClientKind kind, byte[] body, TimeSpan warmup, TimeSpan duration, Process server, ServerGcMeter gc)
    {
        // Only the chosen client connects.
        using var channel = kind == ClientKind.Grpc
            ? target.Channel(new SocketsHttpHandler { InitialHttp2StreamWindowSize = StreamWindowBytes })
            : null;
        var client = channel is null ? null : new ExternalProcessor.ExternalProcessorClient(channel);
        using var wire = kind == ClientKind.Wire ? WireConnection.Connect(target) : null;
        var messages = Messages(body);
        var block = Hpack.RequestBlock(target.Authority, "/envoy.service.ext_proc.v3.ExternalProcessor/Process");
        var framed = messages.Select(GrpcFraming.Frame).ToArray();
        Task<long> Loop(TimeSpan length, LatencyRecorder? recorder) => wire is null
            ? LoopAsync(client!, messages, length, recorder)
            : Task.Factory.StartNew(() =>
            {
                var (exchanges, errors) = WireExchangeLoop.Run(wire, block, framed, length, recorder);
                return recorder is null ? exchanges : errors;
            }, TaskCreationOptions.LongRunning);

        // Warm up for the given time, and at least until tiered JIT has seen enough exchanges to settle:
        // on a busy machine two seconds can be a few hundred exchanges, and the measured window then pays
        // for tier-1 compilation. Bounded: never more than 30 s.
        var warmupStarted = Stopwatch.StartNew();
        var warmed = 0L;
        while (warmupStarted.Elapsed < warmup || (warmed < MinimumWarmupExchanges && warmupStarted.Elapsed < MaximumWarmup))
        {
            warmed += await Loop(TimeSpan.FromMilliseconds(250), null);
        }

        var recorder = new LatencyRecorder(1, 1_000_000);
        var cpu = new CpuMeter(server);
        await gc.StartAsync();
        cpu.Start();
        var clock = Stopwatch.StartNew();
        var errors = await Loop(duration, recorder);
        var elapsed = clock.Elapsed;
        var summary = recorder.Summarize(elapsed, errors);
        var (clientMicros, serverMicros) = cpu.PerRequest(summary.Requests + errors);
        return (summary, new ExchangeCost(serverMicros ?? 0, clientMicros, await gc.DeltaAsync()));
    }

    /// <summary>Runs exchanges one at a time for <paramref name="duration"/>; returns the number of exchanges when no recorder is given, else the errors.</summary>
    private static async Task<long> LoopAsync(ExternalProcessor.ExternalProcessorClient client, ProcessingRequest[] messages, TimeSpan duration, LatencyRecorder? recorder)
    {
        long errors = 0;
        long exchanges = 0;
        var stopAt = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < stopAt)
        {
            var started = Stopwatch.GetTimestamp();
            using var call = client.Process();
            var redacted = false;
            foreach (var message in messages)
            {
                await call.RequestStream.WriteAsync(message);
                if (!await call.ResponseStream.MoveNext(CancellationToken.None))
                {
                    break;
                }

                redacted |= call.ResponseStream.Current.ResponseBody?.Response?.BodyMutation?.Body is { Length: > 0 };
            }

            var answered = Stopwatch.GetTimestamp();
            await call.RequestStream.CompleteAsync();
            while (await call.ResponseStream.MoveNext(CancellationToken.None))
            {
                redacted = false;
            }

            exchanges++;
            if (redacted)
            {
                recorder?.Record(0, answered - started);
            }
            else
            {
                errors++;
            }
        }

        return recorder is null ? exchanges : errors;
    }

    private static ProcessingRequest[] Messages(byte[] body)
    {
        var metadata = new Metadata();
        var authz = new Struct();
        authz.Fields["phigate.redaction_profile"] = Value.ForString("safe_harbor");
        metadata.FilterMetadata["envoy.filters.http.ext_authz"] = authz;
        return
        [
            new ProcessingRequest
            {
                MetadataContext = metadata,
                RequestHeaders = new HttpHeaders { EndOfStream = true, Headers = Map((":method", "GET"), (":path", "/fhir/Patient/123/$everything"), (":authority", "ehr.example.org"), ("x-request-id", "load-exchange")) },
            },
            new ProcessingRequest
            {
                ResponseHeaders = new HttpHeaders { Headers = Map((":status", "200"), ("content-type", "application/fhir+json"), ("content-length", body.Length.ToString(CultureInfo.InvariantCulture))) },
            },
            new ProcessingRequest { ResponseBody = new HttpBody { Body = ByteString.CopyFrom(body), EndOfStream = true } },
        ];
    }

    private static HeaderMap Map(params (string Key, string Value)[] headers)
    {
        var map = new HeaderMap();
        foreach (var (key, value) in headers)
        {
            map.Headers.Add(new HeaderValue { Key = key, RawValue = ByteString.CopyFromUtf8(value) });
        }

        return map;
    }
}

/// <summary>CPU microseconds per exchange (server and client) and the server's GC figures over the measured run.</summary>
internal sealed record ExchangeCost(double ServerCpuMicros, double ClientCpuMicros, GcTotals Gc);
