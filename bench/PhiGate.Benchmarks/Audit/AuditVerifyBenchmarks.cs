using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using PhiGate.Audit;

namespace PhiGate.Benchmarks.Audit;

/// <summary>
/// <c>phigate audit verify</c> speed: records per second over a 100,000-event trail with a checkpoint every
/// 1000 records. Target: at least 100,000 events/s. Reported time is per event (OperationsPerInvoke).
/// </summary>
[MemoryDiagnoser]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "BenchmarkDotNet releases these in GlobalCleanup.")]
public class AuditVerifyBenchmarks
{
    private const int Events = 100_000;

    private string _directory = "";
    private ECDsa _signing = null!;
    private CheckpointVerificationKey _key = null!;

    [GlobalSetup]
    public void Setup()
    {
        _directory = Path.Combine(Path.GetTempPath(), "phigate-bench-audit-verify", Guid.NewGuid().ToString("N"));
        _signing = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        AuditBenchData.WriteTrail(_directory, Events, _signing, TimeProvider.System);
        _key = CheckpointVerificationKey.FromPem(_signing.ExportSubjectPublicKeyInfoPem(), out _)!;
        var report = new AuditVerifier([_key]).VerifyDirectory(_directory);
        if (!report.IsValid || report.Events != Events)
        {
            throw new InvalidOperationException($"benchmark trail does not verify: {report.Problem}");
        }
    }

    [Benchmark(OperationsPerInvoke = Events)]
    public long VerifyDirectory() => new AuditVerifier([_key]).VerifyDirectory(_directory).Events;

    [GlobalCleanup]
    public void Cleanup()
    {
        _key.Dispose();
        _signing.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
