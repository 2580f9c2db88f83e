using System.Security.Cryptography;

namespace PhiGate.Audit.Tests;

public class AuditSettingsTests
{
    private TrailHarness _harness = null!;

    [SetUp]
    public void SetUp() => _harness = new TrailHarness();

    [TearDown]
    public async Task TearDown() => await _harness.DisposeAsync();

    [Test]
    public void Resolve_NoConfiguration_StdoutWithEphemeralKeys()
    {
        // Arrange
        var errors = new List<string>();

        // Act
        using var settings = Resolve(new AuditOptions(), errors);

        // Assert
        Assert.That(errors, Is.Empty);
        Assert.That(settings.Value!.Stdout, Is.True);
        Assert.That(settings.Value!.Directory, Is.Null);
        Assert.That(settings.Value!.HmacKeys.IsEphemeral, Is.True);
        Assert.That(settings.Value!.SigningKey.IsEphemeral, Is.True);
        Assert.That(settings.Value!.CheckpointEvery, Is.EqualTo(1000));
        Assert.That(settings.Value!.CheckpointInterval, Is.EqualTo(TimeSpan.FromSeconds(60)));
        Assert.That(settings.Value!.RotateSize, Is.EqualTo(64L << 20));
    }

    [Test]
    public void Resolve_FullConfiguration_KeysLoadedAndValuesParsed()
    {
        // Arrange
        var errors = new List<string>();
        var options = _harness.Options(o => { o.Stdout = true; o.CheckpointInterval = "500ms"; o.RotateSize = "10MB"; o.RotateInterval = "2h"; });

        // Act
        using var settings = Resolve(options, errors);

        // Assert
        Assert.That(errors, Is.Empty);
        Assert.That(settings.Value!.HmacKeys.Active.Id, Is.EqualTo("k1"));
        Assert.That(settings.Value!.SigningKey.IsEphemeral, Is.False);
        Assert.That(settings.Value!.CheckpointInterval, Is.EqualTo(TimeSpan.FromMilliseconds(500)));
        Assert.That(settings.Value!.RotateSize, Is.EqualTo(10_000_000));
        Assert.That(settings.Value!.RotateInterval, Is.EqualTo(TimeSpan.FromHours(2)));
    }

    [TestCase("HmacKeyFile", "audit.hmac_key_file: file not found", TestName = "Invalid_HmacKeyFileMissing")]
    [TestCase("SigningKeyFile", "audit.signing_key_file: file not found", TestName = "Invalid_SigningKeyFileMissing")]
    public void Resolve_KeyFileMissing_OneLineNamingTheKey(string property, string expected)
    {
        // Arrange
        var options = _harness.Options();
        typeof(AuditOptions).GetProperty(property)!.SetValue(options, Path.Combine(_harness.Root, "absent"));
        var errors = new List<string>();

        // Act
        using var settings = Resolve(options, errors);

        // Assert
        Assert.That(settings.Value, Is.Null);
        Assert.That(errors, Is.EqualTo(new[] { expected }));
    }

    [TestCase("k1\nc2hvcnQ=\n", "audit.hmac_key_file: key 'k1' is 5 bytes; at least 32 are required", TestName = "Invalid_HmacKeyShort")]
    [TestCase("only-one-line\n", "audit.hmac_key_file: expected a key id on line 1 and a base64 key on line 2", TestName = "Invalid_HmacKeyOneLine")]
    [TestCase("bad id\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n", "audit.hmac_key_file: key id on line 1 must be 1-64 characters of [A-Za-z0-9._-]", TestName = "Invalid_HmacKeyIdWithSpace")]
    [TestCase("k1\n!!!notbase64!!!\n", "audit.hmac_key_file: key 'k1' is not valid base64", TestName = "Invalid_HmacKeyNotBase64")]
    public void Resolve_BadHmacKeyFile_Refused(string content, string expected)
    {
        // Arrange
        File.WriteAllText(_harness.HmacKeyFile, content);
        var errors = new List<string>();

        // Act
        using var settings = Resolve(_harness.Options(), errors);

        // Assert
        Assert.That(errors, Is.EqualTo(new[] { expected }));
    }

    [Test]
    public void Resolve_SigningKeyIsRsa_Refused()
    {
        // Arrange
        using var rsa = RSA.Create(2048);
        File.WriteAllText(_harness.SigningKeyFile, rsa.ExportPkcs8PrivateKeyPem());
        var errors = new List<string>();

        // Act
        using var settings = Resolve(_harness.Options(), errors);

        // Assert
        Assert.That(errors, Is.EqualTo(new[] { "audit.signing_key_file: not a PEM ECDSA P-256 private key" }));
    }

    [Test]
    public void Resolve_SigningKeyIsP384_Refused()
    {
        // Arrange
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        File.WriteAllText(_harness.SigningKeyFile, p384.ExportPkcs8PrivateKeyPem());
        var errors = new List<string>();

        // Act
        using var settings = Resolve(_harness.Options(), errors);

        // Assert
        Assert.That(errors, Is.EqualTo(new[] { "audit.signing_key_file: not an ECDSA P-256 key" }));
    }

    [Test]
    public void Resolve_DirectoryWithoutKeys_Refused()
    {
        // Arrange
        var errors = new List<string>();

        // Act
        using var settings = Resolve(new AuditOptions { Directory = _harness.AuditDirectory }, errors);

        // Assert
        Assert.That(errors, Is.EqualTo(new[] { "audit.directory: a persistent trail needs audit.hmac_key_file (or audit.hmac_key_env) and audit.signing_key_file" }));
    }

    [Test]
    public void Resolve_BadValues_EveryErrorReported()
    {
        // Arrange
        var errors = new List<string>();
        var options = new AuditOptions { Stdout = false, CheckpointEvery = 0, CheckpointInterval = "soon", RotateSize = "1KB", QueueCapacity = -1 };

        // Act
        using var settings = Resolve(options, errors);

        // Assert
        Assert.That(errors, Is.EquivalentTo(new[]
        {
            "audit.checkpoint_interval: expected a duration such as 500ms, 30s, 5m or 1h (at least 10ms)",
            "audit.rotate_size: expected a size of at least 4096 bytes such as 64MiB",
            "audit.checkpoint_every: must be between 1 and 10000000",
            "audit.queue_capacity: must be between 1 and 10000000",
            "audit.stdout: no sink: set audit.directory or audit.stdout: true",
        }));
    }

    [Test]
    public void Resolve_HmacKeyFromEnvironment_OneLineForm()
    {
        // Arrange
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var options = new AuditOptions { HmacKeyEnv = "PHIGATE_AUDIT_HMAC" };
        var errors = new List<string>();

        // Act
        var settings = AuditSettings.Resolve(options, name => name == "PHIGATE_AUDIT_HMAC" ? $"env-key:{key}" : null, errors);
        var unset = AuditSettings.Resolve(options, _ => null, errors);

        // Assert
        Assert.That(settings!.HmacKeys.Active.Id, Is.EqualTo("env-key"));
        Assert.That(settings.HmacKeys.IsEphemeral, Is.False);
        Assert.That(unset, Is.Null);
        Assert.That(errors, Is.EqualTo(new[] { "audit.hmac_key_env: environment variable is not set" }));
        settings.SigningKey.Dispose();
    }

    [Test]
    public void Resolve_NoBatchLinger_DefaultsToFiftyMilliseconds()
    {
        // Arrange
        var errors = new List<string>();

        // Act
        using var settings = Resolve(new AuditOptions(), errors);

        // Assert
        Assert.That(errors, Is.Empty);
        Assert.That(settings.Value!.BatchLinger, Is.EqualTo(TimeSpan.FromMilliseconds(50)));
    }

    [TestCase("0ms", 0)]
    [TestCase("250ms", 250)]
    [TestCase("1s", 1000)]
    public void Resolve_BatchLingerWithinRange_Parsed(string text, int milliseconds)
    {
        // Arrange
        var errors = new List<string>();

        // Act
        using var settings = Resolve(new AuditOptions { BatchLinger = text }, errors);

        // Assert
        Assert.That(errors, Is.Empty);
        Assert.That(settings.Value!.BatchLinger, Is.EqualTo(TimeSpan.FromMilliseconds(milliseconds)));
    }

    [TestCase("2s", "audit.batch_linger: must be at most 1s")]
    [TestCase("soon", "audit.batch_linger: expected a duration such as 500ms, 30s, 5m or 1h")]
    public void Resolve_BatchLingerInvalid_OneLineNamingTheKey(string text, string expected)
    {
        // Arrange
        var errors = new List<string>();

        // Act
        using var settings = Resolve(new AuditOptions { BatchLinger = text }, errors);

        // Assert
        Assert.That(settings.Value, Is.Null);
        Assert.That(errors, Is.EqualTo(new[] { expected }));
    }

    private static Owned Resolve(AuditOptions options, List<string> errors) => new(AuditSettings.Resolve(options, _ => null, errors));

    /// <summary>Disposes the signing key the settings own.</summary>
    private sealed class Owned(AuditSettings? value) : IDisposable
    {
        public AuditSettings? Value { get; } = value;

        public void Dispose() => Value?.SigningKey.Dispose();

        public static implicit operator AuditSettings?(Owned owned) => owned.Value;
    }
}
