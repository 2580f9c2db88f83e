using System.Net;
using PhiGate.Testing.Hosting;

namespace PhiGate.Audit.Tests;

/// <summary>The whole host on loopback: the audit trail drives /readyz and /metrics.</summary>
public class HostReadinessTests
{
    private TrailHarness _harness = null!;

    [SetUp]
    public void SetUp() => _harness = new TrailHarness();

    [TearDown]
    public async Task TearDown() => await _harness.DisposeAsync();

    [Test]
    public async Task Readyz_AuditDirectoryUnwritable_NotReadyUntilFixed()
    {
        // Arrange: the directory's parent is a regular file, which stops root too.
        var blocker = Path.Combine(_harness.Root, "blocker");
        await File.WriteAllTextAsync(blocker, "not a directory");
        await using var server = await TestServer.StartAsync(new Dictionary<string, string?>
        {
            ["audit:directory"] = Path.Combine(blocker, "audit"),
            ["audit:hmac_key_file"] = _harness.HmacKeyFile,
            ["audit:signing_key_file"] = _harness.SigningKeyFile,
            ["audit:retry_interval"] = "50ms",
        });
        using var admin = server.CreateAdminClient();

        // Act
        var broken = await admin.GetAsync(new Uri("/readyz", UriKind.Relative));
        var brokenMetrics = await admin.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        File.Delete(blocker);
        Directory.CreateDirectory(blocker);
        var ready = await Eventually.TrueAsync(() => admin.GetAsync(new Uri("/readyz", UriKind.Relative)).GetAwaiter().GetResult().StatusCode == HttpStatusCode.OK);
        var trail = (IAuditTrail)server.Services.GetService(typeof(IAuditTrail))!;
        Events.AppendDecisions(trail, 3);

        // Assert
        Assert.That(broken.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(await broken.Content.ReadAsStringAsync(), Is.EqualTo("not ready\n"));
        Assert.That(brokenMetrics, Does.Contain("phigate_audit_healthy 0"));
        Assert.That(ready, Is.True);
        Assert.That(await admin.GetStringAsync(new Uri("/metrics", UriKind.Relative)), Does.Contain("phigate_audit_healthy 1"));
        await server.DisposeAsync();
        var report = _harness.Verify(directory: Path.Combine(blocker, "audit"));
        Assert.That(report.Problem, Is.Null);
        Assert.That(report.Events, Is.EqualTo(3), "the host's shutdown drains and signs the trail");
    }
}
