using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PhiGate.Audit.Tests;

public class AuditServiceCollectionExtensionsTests
{
    private TrailHarness _harness = null!;

    [SetUp]
    public void SetUp() => _harness = new TrailHarness();

    [TearDown]
    public async Task TearDown() => await _harness.DisposeAsync();

    [Test]
    public async Task AddPhiGateAudit_FullConfiguration_TrailWritesAndReadyCheckHealthy()
    {
        // Arrange: keys as the host's provider leaves them (underscores removed).
        using var host = Build(new Dictionary<string, string?>
        {
            ["audit:hmackeyfile"] = _harness.HmacKeyFile,
            ["audit:signingkeyfile"] = _harness.SigningKeyFile,
            ["audit:directory"] = _harness.AuditDirectory,
            ["audit:stdout"] = "false",
            ["audit:checkpointevery"] = "2",
            ["audit:checkpointinterval"] = "30s",
        }, out _);

        // Act
        await host.StartAsync();
        var trail = host.Services.GetRequiredService<IAuditTrail>();
        var ready = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(r => r.Tags.Contains("ready"));
        Events.AppendDecisions(trail, 5);
        await host.StopAsync();

        // Assert
        Assert.That(ready.Status, Is.EqualTo(HealthStatus.Healthy));
        Assert.That(ready.Entries.Keys, Does.Contain("audit"));
        var report = _harness.Verify();
        Assert.That(report.Problem, Is.Null);
        Assert.That(report.Events, Is.EqualTo(5));
        Assert.That(report.Checkpoints, Is.EqualTo(3), "every 2 records, then shutdown");
    }

    [Test]
    public void AddPhiGateAudit_MissingKeyFile_StartFailsNamingTheYamlKey()
    {
        // Arrange
        using var host = Build(new Dictionary<string, string?>
        {
            ["audit:hmackeyfile"] = Path.Combine(_harness.Root, "absent"),
            ["audit:signingkeyfile"] = _harness.SigningKeyFile,
            ["audit:directory"] = _harness.AuditDirectory,
        }, out _);

        // Act
        var failure = Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        // Assert
        Assert.That(failure!.Failures, Is.EqualTo(new[] { "audit.hmac_key_file: file not found" }));
    }

    [Test]
    public async Task AddPhiGateAudit_NoConfiguration_HealthyWithEphemeralKeysAndAWarning()
    {
        // Arrange
        using var host = Build([], out var logs);

        // Act
        await host.StartAsync();
        var trail = host.Services.GetRequiredService<IAuditTrail>();
        var healthy = trail.IsHealthy;
        var digest = trail.Digest("jane.doe");
        await host.StopAsync();

        // Assert
        Assert.That(healthy, Is.True);
        Assert.That(digest.Value, Does.StartWith("hmac-sha256:ephemeral-"));
        Assert.That(logs.Entries.Any(e => e.Id.Id == 5001 && e.Level == LogLevel.Warning), Is.True);
    }

    private static IHost Build(Dictionary<string, string?> configuration, out CapturingLoggerProvider logs)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(configuration);
        logs = new CapturingLoggerProvider();
        builder.Logging.AddProvider(logs);
        builder.Services.AddPhiGateAudit(builder.Configuration.GetSection("audit"));
        return builder.Build();
    }
}
