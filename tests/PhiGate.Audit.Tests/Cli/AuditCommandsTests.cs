namespace PhiGate.Audit.Tests;

public class AuditCommandsTests
{
    private TrailHarness _harness = null!;

    [SetUp]
    public void SetUp() => _harness = new TrailHarness();

    [TearDown]
    public async Task TearDown() => await _harness.DisposeAsync();

    [Test]
    public async Task Verify_IntactTrail_ExitZeroWithSummary()
    {
        // Arrange
        await WriteTrailAsync(12);
        var key = WritePublicKey();

        // Act
        var result = await PhigateProcess.RunAsync(null, "audit", "verify", _harness.AuditDirectory, "--key", key);

        // Assert
        Assert.That(result.ExitCode, Is.Zero, result.Error);
        Assert.That(result.Output, Does.StartWith("ok: 13 records (12 events, 1 checkpoints) in 1 file(s), last sequence 13"));
    }

    [Test]
    public async Task Verify_DeletedLine_ExitOneNamingFileLineAndKind()
    {
        // Arrange
        await WriteTrailAsync(12);
        var key = WritePublicKey();
        var file = _harness.Files()[0];
        Tamper.DeleteLine(file, 4);

        // Act
        var result = await PhigateProcess.RunAsync(null, "audit", "verify", _harness.AuditDirectory, "--key", key);

        // Assert
        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Error, Does.StartWith($"{Path.GetFileName(file)}:5: deleted: sequence 5 is missing before this line"));
    }

    [Test]
    public async Task Verify_UnsignedTail_ExitOneUnlessAllowed()
    {
        // Arrange
        await WriteTrailAsync(3);
        var key = WritePublicKey();
        var file = _harness.Files()[0];
        Tamper.DeleteLine(file, 3);

        // Act
        var strict = await PhigateProcess.RunAsync(null, "audit", "verify", _harness.AuditDirectory, "--key", key);
        var live = await PhigateProcess.RunAsync(null, "audit", "verify", _harness.AuditDirectory, "--key", key, "--allow-unsigned-tail");

        // Assert
        Assert.That(strict.ExitCode, Is.EqualTo(1));
        Assert.That(strict.Error, Does.Contain(":1: unsigned-tail: 3 record(s)"));
        Assert.That(live.ExitCode, Is.Zero);
    }

    [Test]
    public async Task Verify_KeyFileMissing_ExitTwo()
    {
        // Arrange
        await WriteTrailAsync(1);

        // Act
        var result = await PhigateProcess.RunAsync(null, "audit", "verify", _harness.AuditDirectory, "--key", Path.Combine(_harness.Root, "absent.pem"));

        // Assert
        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Error.Trim(), Is.EqualTo("phigate: --key absent.pem: file not found"));
    }

    [Test]
    public async Task Hash_ValueOrStdin_SameDigestAsTheTrail()
    {
        // Arrange
        var trail = _harness.Create();
        var expected = trail.Digest("MRN-000123").Value;

        // Act
        var fromArgument = await PhigateProcess.RunAsync(null, "audit", "hash", "--key-file", _harness.HmacKeyFile, "MRN-000123");
        var fromStdin = await PhigateProcess.RunAsync("MRN-000123\n", "audit", "hash", "--key-file", _harness.HmacKeyFile);

        // Assert
        Assert.That(fromArgument.ExitCode, Is.Zero, fromArgument.Error);
        Assert.That(fromArgument.Output.Trim(), Is.EqualTo(expected));
        Assert.That(fromStdin.Output.Trim(), Is.EqualTo(expected));
    }

    [Test]
    public async Task Keygen_ThenTrailWithThoseKeys_VerifiesAndHashesMatch()
    {
        // Arrange
        var keys = Path.Combine(_harness.Root, "keys");

        // Act
        var keygen = await PhigateProcess.RunAsync(null, "audit", "keygen", "--out", keys, "--key-id", "k2026");
        var again = await PhigateProcess.RunAsync(null, "audit", "keygen", "--out", keys);
        var trail = await _harness.StartAsync(o =>
        {
            o.HmacKeyFile = Path.Combine(keys, "audit-hmac");
            o.SigningKeyFile = Path.Combine(keys, "audit-signing.pem");
        });
        Events.AppendDecisions(trail, 3);
        await trail.StopAsync();
        var verify = await PhigateProcess.RunAsync(null, "audit", "verify", _harness.AuditDirectory, "--key", Path.Combine(keys, "audit-signing.pub.pem"));
        var hash = await PhigateProcess.RunAsync(null, "audit", "hash", "--key-file", Path.Combine(keys, "audit-hmac"), "x");

        // Assert
        Assert.That(keygen.ExitCode, Is.Zero, keygen.Error);
        Assert.That(again.ExitCode, Is.EqualTo(2), "existing keys are never overwritten");
        Assert.That(verify.ExitCode, Is.Zero, verify.Error);
        Assert.That(hash.Output.Trim(), Is.EqualTo(trail.Digest("x").Value));
        if (!OperatingSystem.IsWindows())
        {
            Assert.That(File.GetUnixFileMode(Path.Combine(keys, "audit-hmac")), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        }
    }

    [Test]
    public async Task Keygen_RotateHmac_NewActiveKeyOldKeyStillHashes()
    {
        // Arrange
        var rotated = Path.Combine(_harness.Root, "rotated");
        var oldDigest = _harness.Create().Digest("jane.doe").Value;

        // Act
        var keygen = await PhigateProcess.RunAsync(null, "audit", "keygen", "--out", rotated, "--key-id", "k2", "--rotate-hmac", _harness.HmacKeyFile);
        var file = Path.Combine(rotated, "audit-hmac");
        var active = await PhigateProcess.RunAsync(null, "audit", "hash", "--key-file", file, "jane.doe");
        var old = await PhigateProcess.RunAsync(null, "audit", "hash", "--key-file", file, "--key-id", "k1", "jane.doe");

        // Assert
        Assert.That(keygen.ExitCode, Is.Zero, keygen.Error);
        Assert.That(active.Output.Trim(), Does.StartWith("hmac-sha256:k2:"));
        Assert.That(old.Output.Trim(), Is.EqualTo(oldDigest));
        Assert.That(File.Exists(Path.Combine(rotated, "audit-signing.pem")), Is.False);
    }

    private async Task WriteTrailAsync(int events)
    {
        var trail = await _harness.StartAsync(o => o.CheckpointEvery = 1000);
        Events.AppendDecisions(trail, events);
        await trail.StopAsync();
    }

    private string WritePublicKey()
    {
        var path = Path.Combine(_harness.Root, "public.pem");
        File.WriteAllText(path, _harness.PublicKeyPem);
        return path;
    }
}
