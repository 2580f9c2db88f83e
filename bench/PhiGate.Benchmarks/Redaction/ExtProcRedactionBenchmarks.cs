using System.Buffers;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using Envoy.Config.Core.V3;
using Envoy.Extensions.Filters.Http.ExtProc.V3;
using Envoy.Service.ExtProc.V3;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PhiGate.ExtProc.Redaction;
using PhiGate.ExtProc.Streams;

namespace PhiGate.Benchmarks.Redaction;

/// <summary>
/// Server-side cost of one ext_proc exchange with a 64 KB FHIR response body (request headers, response
/// headers, BUFFERED response body under safe_harbor), without the gRPC transport. The end-to-end round
/// trip over a socket is measured by the load generator.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(PercentileConfig))]
public class ExtProcRedactionBenchmarks
{
    private RedactionServices _services = null!;
    private ProcessingRequest _requestHeaders = null!;
    private ProcessingRequest _responseHeaders = null!;
    private ProcessingRequest _responseBody = null!;
    private ProcessingRequest[] _responseChunks = null!;
    private ReadOnlySequence<byte>[] _wire = null!;
    private readonly ArrayBufferWriter<byte> _sent = new(128 * 1024);
    private readonly ProtocolConfiguration _buffered = new() { ResponseBodyMode = ProcessingMode.Types.BodySendMode.Buffered };
    private readonly ProtocolConfiguration _streamed = new() { ResponseBodyMode = ProcessingMode.Types.BodySendMode.Streamed };

    [GlobalSetup]
    public void Setup()
    {
        _services = new RedactionServices(Options.Create(new RedactionOptions()), TimeProvider.System);
        var body = Body64K();
        var metadata = new Metadata();
        var authz = new Struct();
        authz.Fields[RedactionExchangeHandler.ProfileKey] = Value.ForString("safe_harbor");
        metadata.FilterMetadata[RedactionExchangeHandler.AuthzNamespace] = authz;
        _requestHeaders = new ProcessingRequest
        {
            MetadataContext = metadata,
            RequestHeaders = new HttpHeaders { EndOfStream = true, Headers = Map((":method", "GET"), (":path", "/fhir/Patient/123/$everything"), (":authority", "api.example.org"), ("accept", "application/fhir+json")) },
        };
        _responseHeaders = new ProcessingRequest
        {
            ResponseHeaders = new HttpHeaders { Headers = Map((":status", "200"), ("content-type", "application/fhir+json"), ("content-length", body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture))) },
        };
        _responseBody = new ProcessingRequest { ResponseBody = new HttpBody { Body = ByteString.CopyFrom(body), EndOfStream = true } };
        var chunks = body.Chunk(16 * 1024).ToArray();
        _responseChunks = chunks.Select((c, i) => new ProcessingRequest { ResponseBody = new HttpBody { Body = ByteString.CopyFrom(c), EndOfStream = i == chunks.Length - 1 } }).ToArray();
        _wire = [.. new[] { _requestHeaders, _responseHeaders, _responseBody }.Select(m => new ReadOnlySequence<byte>(m.ToByteArray()))];
        Console.WriteLine($"// response body bytes: {body.Length}");
    }

    [Benchmark(Baseline = true)]
    public async Task<int> Exchange64KB()
    {
        var handler = new RedactionExchangeHandler(_services, NullLogger.Instance) { Protocol = _buffered };
        await handler.OnRequestHeadersAsync(_requestHeaders, CancellationToken.None);
        await handler.OnResponseHeadersAsync(_responseHeaders, CancellationToken.None);
        var answer = await handler.OnResponseBodyAsync(_responseBody, CancellationToken.None);
        var length = answer.ResponseBody.Response.BodyMutation.Body.Length;

        // The stream's end returns the pooled output buffer, as ProcessService does after the last write.
        await handler.OnCompletedAsync(PhiGate.ExtProc.ExchangeOutcome.Completed);
        return length;
    }

    /// <summary>
    /// The exchange as the server handles it on the wire, without the socket: the three messages parsed from
    /// their protobuf bytes by the server's reader (body in a pooled buffer), answered, the answers serialized.
    /// </summary>
    [Benchmark]
    public Task<int> Exchange64KBWire() => ExchangeFromWireAsync(ProcessingRequestReader.Parse);

    /// <summary>The same with the protobuf library's parser: a fresh array for every body.</summary>
    [Benchmark]
    public Task<int> Exchange64KBWireLibraryParser() => ExchangeFromWireAsync(static bytes => ProcessingRequest.Parser.ParseFrom(bytes));

    private async Task<int> ExchangeFromWireAsync(Func<ReadOnlySequence<byte>, ProcessingRequest> parse)
    {
        var handler = new RedactionExchangeHandler(_services, NullLogger.Instance) { Protocol = _buffered };
        _sent.ResetWrittenCount();
        var headers = parse(_wire[0]);
        (await handler.OnRequestHeadersAsync(headers, CancellationToken.None)).WriteTo(_sent);
        var responseHeaders = parse(_wire[1]);
        (await handler.OnResponseHeadersAsync(responseHeaders, CancellationToken.None)).WriteTo(_sent);
        var body = parse(_wire[2]);
        (await handler.OnResponseBodyAsync(body, CancellationToken.None)).WriteTo(_sent);
        ProcessingRequestReader.Release(body);
        await handler.OnCompletedAsync(PhiGate.ExtProc.ExchangeOutcome.Completed);
        return _sent.WrittenCount;
    }

    /// <summary>The same body under STREAMED, in 16 KB chunks: held, then redacted whole at end_of_stream.</summary>
    [Benchmark]
    public async Task<int> Exchange64KBStreamed()
    {
        var handler = new RedactionExchangeHandler(_services, NullLogger.Instance) { Protocol = _streamed };
        await handler.OnRequestHeadersAsync(_requestHeaders, CancellationToken.None);
        await handler.OnResponseHeadersAsync(_responseHeaders, CancellationToken.None);
        ProcessingResponse answer = null!;
        foreach (var chunk in _responseChunks)
        {
            answer = await handler.OnResponseBodyAsync(chunk, CancellationToken.None);
        }

        var length = answer.ResponseBody.Response.BodyMutation.Body.Length;
        await handler.OnCompletedAsync(PhiGate.ExtProc.ExchangeOutcome.Completed);
        return length;
    }

    /// <summary>A searchset Bundle of entries from the shared bundles, filled up to 64 KB.</summary>
    private static byte[] Body64K()
    {
        const int target = 64 * 1024;
        var entries = new List<string>();
        var size = 60;
        foreach (var bundle in SharedBundles.Load())
        {
            using var document = JsonDocument.Parse(bundle);
            foreach (var entry in document.RootElement.GetProperty("entry").EnumerateArray())
            {
                var text = entry.GetRawText();
                if (size + text.Length + 1 <= target)
                {
                    entries.Add(text);
                    size += text.Length + 1;
                }
            }

            if (size > target - 256)
            {
                break;
            }
        }

        return Encoding.UTF8.GetBytes("{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"entry\":[" + string.Join(',', entries) + "]}");
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

    private sealed class PercentileConfig : ManualConfig
    {
        public PercentileConfig() => AddColumn(StatisticColumn.P50, StatisticColumn.P95, StatisticColumn.Max);
    }
}
