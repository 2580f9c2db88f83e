using System.Security.Cryptography;
using System.Text.Json;

namespace PhiGate.Audit.Tests;

public class KeyRotationTests
{
    [Test]
    public async Task HmacKey_RotatedBetweenRuns_OldEventsStayFindableUnderTheirKeyId()
    {
        // Arrange
        await using var harness = new TrailHarness();
        var first = await harness.StartAsync();
        first.TryAppend(Events.Decision(first, 1, subject: "jane.doe"));
        await first.StopAsync();
        var oldKeyText = File.ReadAllText(harness.HmacKeyFile).Trim();
        File.WriteAllText(harness.HmacKeyFile, $"k2\n{Convert.ToBase64String(RandomNumberGenerator.GetBytes(48))}\n{oldKeyText}\n");

        // Act
        var second = await harness.StartAsync();
        second.TryAppend(Events.Decision(second, 2, subject: "jane.doe"));
        await second.StopAsync();

        // Assert
        var ring = HmacKeyRing.LoadFile(harness.HmacKeyFile, "audit.hmac_key_file").Value!;
        var subjects = harness.AllLines()
            .Select(l => JsonDocument.Parse(l).RootElement)
            .Where(r => r.GetProperty("type").GetString() == "decision")
            .Select(r => r.GetProperty("subject").GetString())
            .ToArray();
        Assert.That(subjects, Has.Length.EqualTo(2));
        Assert.That(subjects[0], Does.StartWith("hmac-sha256:k1:"));
        Assert.That(subjects[1], Does.StartWith("hmac-sha256:k2:"));
        Assert.That(ring.Find("k1")!.Digest("jane.doe").Value, Is.EqualTo(subjects[0]));
        Assert.That(ring.Active.Digest("jane.doe").Value, Is.EqualTo(subjects[1]));
        Assert.That(harness.Verify().Problem, Is.Null, "the chain runs across the key change");
    }

    [Test]
    public async Task SigningKey_RotatedBetweenRuns_VerifiesWithBothPublicKeys()
    {
        // Arrange
        await using var harness = new TrailHarness();
        var first = await harness.StartAsync();
        Events.AppendDecisions(first, 3);
        await first.StopAsync();
        using var newKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var newKeyFile = Path.Combine(harness.Root, "signing-2.pem");
        File.WriteAllText(newKeyFile, newKey.ExportECPrivateKeyPem());

        // Act
        var second = await harness.StartAsync(o => o.SigningKeyFile = newKeyFile);
        Events.AppendDecisions(second, 3, 3);
        await second.StopAsync();

        // Assert
        using var oldPublic = CheckpointVerificationKey.FromPem(harness.PublicKeyPem, out _)!;
        using var newPublic = CheckpointVerificationKey.FromPem(newKey.ExportSubjectPublicKeyInfoPem(), out _)!;
        Assert.That(new AuditVerifier([oldPublic, newPublic]).VerifyDirectory(harness.AuditDirectory).Problem, Is.Null);
        Assert.That(new AuditVerifier([oldPublic]).VerifyDirectory(harness.AuditDirectory).Problem?.Kind, Is.EqualTo(AuditProblemKind.UnknownKey));
    }
}
