using System.Security.Cryptography;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Prometheus;

namespace PhiGate.Audit.Tests;

/// <summary>
/// A scratch directory with real key files, a fake clock and a private metrics registry; makes trails
/// over that directory and verifies what they wrote.
/// </summary>
internal sealed class TrailHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    private readonly List<AuditTrail> _trails = [];
    private readonly ECDsa _signing = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public TrailHarness()
    {
        Root = Path.Combine(Path.GetTempPath(), "phigate-audit-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
        AuditDirectory = Path.Combine(Root, "audit");
        HmacKeyFile = Path.Combine(Root, "hmac.key");
        SigningKeyFile = Path.Combine(Root, "signing.pem");
        File.WriteAllText(HmacKeyFile, $"k1\n{Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))}\n");
        File.WriteAllText(SigningKeyFile, _signing.ExportPkcs8PrivateKeyPem());
        PublicKeyPem = _signing.ExportSubjectPublicKeyInfoPem();
    }

    public string Root { get; }

    public string AuditDirectory { get; }

    public string HmacKeyFile { get; }

    public string SigningKeyFile { get; }

    public string PublicKeyPem { get; }

    public FakeTimeProvider Time { get; } = new(Start);

    public CollectorRegistry Registry { get; private set; } = Metrics.NewCustomRegistry();

    public AuditOptions Options(Action<AuditOptions>? configure = null)
    {
        var options = new AuditOptions
        {
            HmacKeyFile = HmacKeyFile,
            SigningKeyFile = SigningKeyFile,
            Directory = AuditDirectory,
            CheckpointEvery = 100,
            CheckpointInterval = "60s",
        };
        configure?.Invoke(options);
        return options;
    }

    /// <summary>A trail that is created but not started (its writer is idle).</summary>
    public AuditTrail Create(Action<AuditOptions>? configure = null, Stream? stdout = null)
    {
        var errors = new List<string>();
        var settings = AuditSettings.Resolve(Options(configure), _ => null, errors)
            ?? throw new InvalidOperationException(string.Join("; ", errors));
        Registry = Metrics.NewCustomRegistry();
        var trail = new AuditTrail(settings, Time, NullLogger<AuditTrail>.Instance, new AuditMetrics(Registry), stdout);
        _trails.Add(trail);
        return trail;
    }

    public async Task<AuditTrail> StartAsync(Action<AuditOptions>? configure = null, Stream? stdout = null)
    {
        var trail = Create(configure, stdout);
        await trail.StartAsync();
        return trail;
    }

    public AuditVerificationReport Verify(AuditVerifierOptions? options = null, string? directory = null)
    {
        using var key = CheckpointVerificationKey.FromPem(PublicKeyPem, out _)!;
        return new AuditVerifier([key], options).VerifyDirectory(directory ?? AuditDirectory);
    }

    public string[] Files(string? directory = null) =>
        AuditFileName.List(directory ?? AuditDirectory).Select(f => f.Path).ToArray();

    public string[] AllLines(string? directory = null) =>
        Files(directory).SelectMany(File.ReadAllLines).ToArray();

    public async ValueTask DisposeAsync()
    {
        foreach (var trail in _trails)
        {
            await trail.DisposeAsync();
        }

        _signing.Dispose();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A test that replaced a directory by a file may leave odd entries; the temp folder is cleaned by the OS.
        }
    }
}
