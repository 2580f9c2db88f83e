using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PhiGate.Audit.Tests;

public class FailClosedTests
{
    private TrailHarness _harness = null!;

    [SetUp]
    public void SetUp() => _harness = new TrailHarness();

    [TearDown]
    public async Task TearDown() => await _harness.DisposeAsync();

    [Test]
    public async Task Start_DirectoryUnderARegularFile_UnhealthyRefusesEventsThenRecoversWhenFixed()
    {
        // Arrange: root ignores permissions, so make the directory impossible instead: its parent is a file.
        var blocker = Path.Combine(_harness.Root, "blocker");
        File.WriteAllText(blocker, "not a directory");
        var directory = Path.Combine(blocker, "audit");
        var trail = await _harness.StartAsync(o => o.Directory = directory);
        var health = new AuditTrailHealthCheck(trail);

        // Act
        var acceptedWhileBroken = trail.TryAppend(Events.Decision(trail, 1));
        var asyncWhileBroken = await trail.AppendAsync(Events.Decision(trail, 2));
        var readinessWhileBroken = await health.CheckHealthAsync(new HealthCheckContext());
        File.Delete(blocker);
        Directory.CreateDirectory(blocker);
        var recovered = await Eventually.TrueAsync(() => trail.IsHealthy, () => _harness.Time.Advance(TimeSpan.FromSeconds(1)));
        Events.AppendDecisions(trail, 10);
        await trail.StopAsync();

        // Assert
        Assert.That(acceptedWhileBroken, Is.False);
        Assert.That(asyncWhileBroken, Is.False);
        Assert.That(readinessWhileBroken.Status, Is.EqualTo(HealthStatus.Unhealthy));
        Assert.That(readinessWhileBroken.Description, Does.Not.Contain(blocker), "the readiness answer never names paths");
        Assert.That(recovered, Is.True);
        Assert.That((await health.CheckHealthAsync(new HealthCheckContext())).Status, Is.EqualTo(HealthStatus.Unhealthy), "stopped trails are not ready");
        var report = _harness.Verify(directory: directory);
        Assert.That(report.Problem, Is.Null);
        Assert.That(report.Events, Is.EqualTo(10));
        Assert.That(Value("phigate_audit_write_failures_total", "sink=\"file\""), Is.GreaterThan(0));
        Assert.That(Value("phigate_audit_events_rejected_total", "reason=\"unhealthy\""), Is.EqualTo(2));
    }

    [Test]
    public async Task Write_DirectoryReplacedByAFile_FailsClosedKeepsAcceptedEventsAndWritesThemAfterRecovery()
    {
        // Arrange
        var trail = await _harness.StartAsync(o => o.RotateInterval = "1h");
        Events.AppendDecisions(trail, 5);
        await Eventually.TrueAsync(() => trail.Position.Sequence == 5);
        var moved = _harness.AuditDirectory + "-moved";
        Directory.Move(_harness.AuditDirectory, moved);
        File.WriteAllText(_harness.AuditDirectory, "not a directory");
        _harness.Time.Advance(TimeSpan.FromHours(1));
        await Eventually.TrueAsync(() => trail.Position.UnsignedCount == 0);

        // Act: the next file cannot be opened; whatever was accepted must survive.
        var accepted = 0;
        for (var i = 5; i < 200 && trail.TryAppend(Events.Decision(trail, i)); i++)
        {
            accepted++;
            await Task.Delay(1);
        }

        var failedClosed = await Eventually.TrueAsync(() => !trail.IsHealthy);
        var refused = trail.TryAppend(Events.Decision(trail, 999));
        File.Delete(_harness.AuditDirectory);
        Directory.Move(moved, _harness.AuditDirectory);
        var recovered = await Eventually.TrueAsync(() => trail.IsHealthy, () => _harness.Time.Advance(TimeSpan.FromSeconds(1)));
        await trail.StopAsync();

        // Assert
        Assert.That(failedClosed, Is.True);
        Assert.That(refused, Is.False);
        Assert.That(recovered, Is.True);
        Assert.That(accepted, Is.GreaterThan(0));
        var report = _harness.Verify();
        Assert.That(report.Problem, Is.Null);
        Assert.That(report.Events, Is.EqualTo(5 + accepted), "every accepted event is in the trail");
    }

    [Test]
    public async Task TryAppend_QueueFull_RefusesAndTurnsUnhealthyUntilDrained()
    {
        // Arrange: the writer is not started, so nothing drains the queue.
        var trail = _harness.Create(o => o.QueueCapacity = 4);
        Events.AppendDecisions(trail, 4);

        // Act
        var fifth = trail.TryAppend(Events.Decision(trail, 4));
        var healthyWhenFull = trail.IsHealthy;
        await trail.StartAsync();
        var drained = await Eventually.TrueAsync(() => trail.IsHealthy);
        await trail.StopAsync();

        // Assert
        Assert.That(fifth, Is.False);
        Assert.That(healthyWhenFull, Is.False);
        Assert.That(drained, Is.True);
        Assert.That(_harness.Verify().Events, Is.EqualTo(4));
        Assert.That(Value("phigate_audit_events_rejected_total", "reason=\"queue_full\""), Is.EqualTo(1));
    }

    [Test]
    public async Task AppendAsync_QueueFullBeyondMaxWait_ReturnsFalse()
    {
        // Arrange
        var trail = _harness.Create(o => { o.QueueCapacity = 1; o.MaxQueueWait = "100ms"; });
        Events.AppendDecisions(trail, 1);

        // Act
        var waiting = trail.AppendAsync(Events.Decision(trail, 1)).AsTask();
        var stillWaiting = !waiting.IsCompleted;
        _harness.Time.Advance(TimeSpan.FromMilliseconds(100));
        var accepted = await waiting.WaitAsync(TimeSpan.FromSeconds(10));

        // Assert
        Assert.That(stillWaiting, Is.True);
        Assert.That(accepted, Is.False);
        Assert.That(trail.IsHealthy, Is.False);
    }

    [Test]
    public async Task AppendAsync_QueueDrainsWithinMaxWait_ReturnsTrue()
    {
        // Arrange
        var trail = _harness.Create(o => { o.QueueCapacity = 1; o.MaxQueueWait = "100ms"; });
        Events.AppendDecisions(trail, 1);

        // Act
        var waiting = trail.AppendAsync(Events.Decision(trail, 1)).AsTask();
        await trail.StartAsync();
        var accepted = await waiting.WaitAsync(TimeSpan.FromSeconds(10));
        await trail.StopAsync();

        // Assert
        Assert.That(accepted, Is.True);
        Assert.That(_harness.Verify().Events, Is.EqualTo(2));
    }

    [Test]
    public async Task TryAppend_AfterStop_Refused()
    {
        // Arrange
        var trail = await _harness.StartAsync();
        await trail.StopAsync();

        // Act
        var accepted = trail.TryAppend(Events.Decision(trail, 1));

        // Assert
        Assert.That(accepted, Is.False);
        Assert.That(trail.IsHealthy, Is.False);
    }

    private double Value(string metric, string label)
    {
        using var stream = new MemoryStream();
        _harness.Registry.CollectAndExportAsTextAsync(stream).GetAwaiter().GetResult();
        var line = System.Text.Encoding.UTF8.GetString(stream.ToArray()).Split('\n')
            .Single(l => l.StartsWith(metric + "{", StringComparison.Ordinal) && l.Contains(label, StringComparison.Ordinal));
        return double.Parse(line[(line.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }
}
