using System.Buffers;
using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using PhiGate.Audit;
using Prometheus;

namespace PhiGate.Benchmarks.Audit;

/// <summary>
/// The request-path and writer costs: digesting a value, encoding an event's body when it is accepted
/// (request thread), chaining a queued body (writer thread: number, link, SHA-256), encoding one chained
/// record in one go, and end-to-end append throughput (queue, background writer, file sink with fsync per
/// batch) per event.
/// </summary>
[MemoryDiagnoser]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "BenchmarkDotNet releases these in GlobalCleanup.")]
public class AuditAppendBenchmarks
{
    private const int Batch = 20_000;

    private readonly ArrayBufferWriter<byte> _buffer = new(1 << 20);
    private HmacKey _key = null!;
    private RecordEncoder _encoder = null!;
    private DecisionEvent _event = null!;
    private byte[] _queued = [];
    private ChainPosition _position = ChainPosition.Genesis;
    private string _root = "";
    private AuditTrail _trail = null!;
    private DecisionEvent[] _events = [];

    [GlobalSetup]
    public async Task Setup()
    {
        _key = AuditBenchData.Key();
        _encoder = new RecordEncoder();
        _event = AuditBenchData.Decision(_key, 1);
        _queued = RecordEncoder.Encode(DateTimeOffset.UnixEpoch, _event);
        _root = Path.Combine(Path.GetTempPath(), "phigate-bench-audit-append", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_root);
        var hmacFile = Path.Combine(_root, "hmac.key");
        var signingFile = Path.Combine(_root, "signing.pem");
        await File.WriteAllTextAsync(hmacFile, $"bench\n{Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))}\n");
        using (var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256))
        {
            await File.WriteAllTextAsync(signingFile, ec.ExportPkcs8PrivateKeyPem());
        }

        var options = new AuditOptions { HmacKeyFile = hmacFile, SigningKeyFile = signingFile, Directory = Path.Combine(_root, "audit") };
        var settings = AuditSettings.Resolve(options, _ => null, []) ?? throw new InvalidOperationException("bench options invalid");
        _trail = new AuditTrail(settings, TimeProvider.System, NullLogger<AuditTrail>.Instance, new AuditMetrics(Metrics.NewCustomRegistry()));
        await _trail.StartAsync();
        _events = Enumerable.Range(0, Batch).Select(i => AuditBenchData.Decision(_key, i)).ToArray();
    }

    [Benchmark]
    public AuditDigest Digest() => _key.Digest("patient-000123");

    /// <summary>What an append costs the request thread besides the queue write: the event's body, encoded and copied.</summary>
    [Benchmark]
    public byte[] EncodeOnAccept() => RecordEncoder.Encode(DateTimeOffset.UnixEpoch, _event);

    /// <summary>What the writer thread spends per event before the write: sequence, links, SHA-256, line.</summary>
    [Benchmark]
    public int ChainQueued()
    {
        if (_buffer.WrittenCount > 1 << 19)
        {
            _buffer.ResetWrittenCount();
        }

        _position = _encoder.AppendQueued(_buffer, _position, _queued);
        return _buffer.WrittenCount;
    }

    [Benchmark]
    public int EncodeRecord()
    {
        if (_buffer.WrittenCount > 1 << 19)
        {
            _buffer.ResetWrittenCount();
        }

        _position = _encoder.AppendDecision(_buffer, _position, DateTimeOffset.UnixEpoch, _event);
        return _buffer.WrittenCount;
    }

    /// <summary>Appends a burst and waits until the writer has fsynced all of it: durable events per second.</summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public async Task<long> AppendDurable()
    {
        var target = _trail.EventsWritten;
        foreach (var auditEvent in _events)
        {
            if (!await _trail.AppendAsync(auditEvent))
            {
                throw new InvalidOperationException("event refused");
            }

            target++;
        }

        while (_trail.EventsWritten < target)
        {
            await Task.Delay(1);
        }

        return target;
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        await _trail.DisposeAsync();
        _encoder.Dispose();
        Directory.Delete(_root, recursive: true);
    }
}
