using System.Globalization;

namespace PhiGate.Audit.Tests;

/// <summary>What makes a batch durable: directory entries, the record time format, and lingering batches.</summary>
public class DurabilityTests
{
    private TrailHarness _harness = null!;

    [SetUp]
    public void SetUp() => _harness = new TrailHarness();

    [TearDown]
    public async Task TearDown() => await _harness.DisposeAsync();

    [Test]
    public void TryFlush_ExistingDirectory_Succeeds()
    {
        // Arrange
        Directory.CreateDirectory(_harness.AuditDirectory);

        // Act
        var flushed = DirectorySync.TryFlush(_harness.AuditDirectory);

        // Assert
        Assert.That(flushed, Is.True);
    }

    [Test]
    public void TryFlush_MissingDirectory_ReportsFailure()
    {
        // Arrange
        if (!OperatingSystem.IsLinux())
        {
            Assert.Ignore("directory fsync is a Linux operation; elsewhere TryFlush has nothing to do");
        }

        var missing = Path.Combine(_harness.Root, "does-not-exist");

        // Act
        var flushed = DirectorySync.TryFlush(missing);

        // Assert
        Assert.That(flushed, Is.False);
    }

    [Test]
    public void TryOpenNext_NewDirectoryAndFiles_SyncsTheParentOnceAndTheDirectoryPerFile()
    {
        // Arrange
        var directory = Path.Combine(_harness.Root, "nested", "audit");
        using var sink = new AuditFileSink(directory, 1 << 20, TimeSpan.FromHours(1));

        // Act
        var recovered = sink.TryRecover(out _);
        var afterRecover = sink.DirectorySyncs;
        var first = sink.TryOpenNext(TrailHarness.Start);
        var second = sink.TryOpenNext(TrailHarness.Start.AddHours(1));

        // Assert
        Assert.That(recovered, Is.EqualTo(AuditSinkFailure.None));
        Assert.That(first, Is.EqualTo(AuditSinkFailure.None));
        Assert.That(second, Is.EqualTo(AuditSinkFailure.None));
        Assert.That(afterRecover, Is.EqualTo(1), "the directory the sink created is named durably in its parent");
        Assert.That(sink.DirectorySyncs, Is.EqualTo(3), "each new file's entry is made durable");
        Assert.That(AuditFileName.List(directory), Has.Count.EqualTo(2));
    }

    [Test]
    public void TryOpenNext_ExistingDirectory_SyncsOnlyForTheNewFile()
    {
        // Arrange
        Directory.CreateDirectory(_harness.AuditDirectory);
        using var sink = new AuditFileSink(_harness.AuditDirectory, 1 << 20, TimeSpan.FromHours(1));
        sink.TryRecover(out _);

        // Act
        var opened = sink.TryOpenNext(TrailHarness.Start);

        // Assert
        Assert.That(opened, Is.EqualTo(AuditSinkFailure.None));
        Assert.That(sink.DirectorySyncs, Is.EqualTo(1));
    }

    [TestCase("2026-03-01T08:00:00.0000000Z")]
    [TestCase("0001-01-01T00:00:00.0000000Z")]
    [TestCase("9999-12-31T23:59:59.9999999Z")]
    [TestCase("2024-02-29T13:07:09.0102030Z")]
    public void FormatTime_Utf8_SameTextAsTheStringForm(string text)
    {
        // Arrange
        var time = DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        var bytes = new byte[RecordLayout.TimeLength];

        // Act
        RecordLayout.FormatTime(time, bytes);

        // Assert
        Assert.That(System.Text.Encoding.ASCII.GetString(bytes), Is.EqualTo(RecordLayout.FormatTime(time)));
        Assert.That(RecordLayout.FormatTime(time), Is.EqualTo(text));
    }

    [Test]
    public void FormatTime_OffsetTime_WrittenAsUtc()
    {
        // Arrange
        var time = new DateTimeOffset(2026, 3, 1, 10, 30, 0, TimeSpan.FromHours(2));
        var bytes = new byte[RecordLayout.TimeLength];

        // Act
        RecordLayout.FormatTime(time, bytes);

        // Assert
        Assert.That(System.Text.Encoding.ASCII.GetString(bytes), Is.EqualTo("2026-03-01T08:30:00.0000000Z"));
    }

    [Test]
    public async Task Stop_WhileBatchLingers_WritesEveryAcceptedEvent()
    {
        // Arrange: a linger far longer than the test waits before stopping.
        var trail = await _harness.StartAsync(o => o.BatchLinger = "1s");
        Events.AppendDecisions(trail, 7);

        // Act
        await trail.StopAsync();

        // Assert
        var report = _harness.Verify();
        Assert.That(report.Problem, Is.Null);
        Assert.That(report.Events, Is.EqualTo(7));
    }

    [Test]
    public async Task Append_WithLinger_EventsBecomeDurableWithoutStop()
    {
        // Arrange
        var trail = await _harness.StartAsync(o => o.BatchLinger = "20ms");

        // Act
        Events.AppendDecisions(trail, 30);
        var written = await Eventually.TrueAsync(() => trail.EventsWritten == 30);

        // Assert
        Assert.That(written, Is.True);
        Assert.That(_harness.Verify().Events, Is.EqualTo(30));
    }

    [Test]
    public async Task Append_NoLinger_EventsBecomeDurableWithoutStop()
    {
        // Arrange
        var trail = await _harness.StartAsync(o => o.BatchLinger = "0ms");

        // Act
        Events.AppendDecisions(trail, 30);
        var written = await Eventually.TrueAsync(() => trail.EventsWritten == 30);

        // Assert
        Assert.That(written, Is.True);
        Assert.That(_harness.Verify().Events, Is.EqualTo(30));
    }
}
