using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace PhiGate.Audit.Tests;

public class AuditTrailTests
{
    private TrailHarness _harness = null!;

    [SetUp]
    public void SetUp() => _harness = new TrailHarness();

    [TearDown]
    public async Task TearDown() => await _harness.DisposeAsync();

    [Test]
    public async Task TryAppend_ThenStop_WritesEveryEventAndAVerifiableChain()
    {
        // Arrange
        var trail = await _harness.StartAsync();

        // Act
        Events.AppendDecisions(trail, 250);
        trail.TryAppend(Events.Redaction(trail, 1));
        await trail.StopAsync();

        // Assert
        var report = _harness.Verify();
        Assert.That(report.Problem, Is.Null);
        Assert.That(report.Events, Is.EqualTo(251));
        Assert.That(report.Checkpoints, Is.EqualTo(3), "two count checkpoints (every 100) and one at shutdown");
        var last = JsonDocument.Parse(_harness.AllLines()[^1]).RootElement;
        Assert.That(last.GetProperty("type").GetString(), Is.EqualTo("checkpoint"));
        Assert.That(last.GetProperty("reason").GetString(), Is.EqualTo("shutdown"));
    }

    [Test]
    public void TryAppend_EventWaitingInQueue_QueueHoldsNoReferenceToTheEvent()
    {
        // Arrange: the writer is not started, so an accepted event waits in the queue.
        var trail = _harness.Create();

        // Act
        var appended = AppendAndForget(trail);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        // Assert: the queue holds the encoded record, not the event's objects.
        Assert.That(trail.QueueDepth, Is.EqualTo(1));
        Assert.That(appended.IsAlive, Is.False);
    }

    [Test]
    public async Task IsEnabled_AuditSwitchedOff_FalseAndAppendsWriteNothing()
    {
        // Arrange
        var enabled = await _harness.StartAsync();
        var disabled = await _harness.StartAsync(o => o.Enabled = false);

        // Act
        var accepted = disabled.TryAppend(Events.Decision(disabled, 1));
        await disabled.StopAsync();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(((IAuditTrail)enabled).IsEnabled, Is.True);
            Assert.That(((IAuditTrail)disabled).IsEnabled, Is.False, "callers skip building events");
            Assert.That(accepted, Is.True, "a switched-off trail never refuses a request");
            Assert.That(disabled.EventsWritten, Is.Zero);
        });
    }

    [Test]
    public async Task DecisionRecord_AllFields_WrittenWithDigestsOnly()
    {
        // Arrange
        var trail = await _harness.StartAsync();

        // Act
        trail.TryAppend(Events.Decision(trail, 1, subject: "jane.doe@example.org"));
        await trail.StopAsync();

        // Assert
        var text = string.Join('\n', _harness.AllLines());
        Assert.That(text, Does.Not.Contain("jane.doe"));
        Assert.That(text, Does.Not.Contain("123-45-6789"));
        Assert.That(text, Does.Not.Contain("10.1.2.3"));
        Assert.That(text, Does.Not.Contain("patient-1\""));
        var record = JsonDocument.Parse(_harness.AllLines()[0]).RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(record.GetProperty("v").GetInt32(), Is.EqualTo(1));
            Assert.That(record.GetProperty("seq").GetInt64(), Is.EqualTo(1));
            Assert.That(record.GetProperty("time").GetString(), Is.EqualTo("2026-03-01T08:00:00.0000000Z"));
            Assert.That(record.GetProperty("type").GetString(), Is.EqualTo("decision"));
            Assert.That(record.GetProperty("request_id").GetString(), Is.EqualTo("req-1"));
            Assert.That(record.GetProperty("trace_id").GetString(), Is.EqualTo("4bf92f3577b34da6a3ce929d0e0e4736"));
            Assert.That(record.GetProperty("decision").GetString(), Is.EqualTo("allow"));
            Assert.That(record.GetProperty("reason").GetString(), Is.EqualTo("policy_allow"));
            Assert.That(record.GetProperty("status").GetInt32(), Is.EqualTo(200));
            Assert.That(record.GetProperty("policy_revision").GetString(), Is.EqualTo("rev-7"));
            Assert.That(record.GetProperty("method").GetString(), Is.EqualTo("GET"));
            Assert.That(record.GetProperty("path").GetString(), Is.EqualTo("/fhir/Patient/{id}"));
            Assert.That(record.GetProperty("resource_ids")[0].GetString(), Is.EqualTo(trail.Digest("patient-1").Value));
            Assert.That(record.GetProperty("query").GetProperty("identifier").GetString(), Is.EqualTo(trail.Digest("123-45-6789").Value));
            Assert.That(record.GetProperty("cert_sha256").GetString(), Does.StartWith("9f86d0"));
            Assert.That(record.GetProperty("spiffe_id").GetString(), Is.EqualTo("spiffe://cluster.local/ns/ehr/sa/frontend"));
            Assert.That(record.GetProperty("issuer").GetString(), Is.EqualTo("https://idp.example"));
            Assert.That(record.GetProperty("client_id").GetString(), Is.EqualTo("ehr-frontend"));
            Assert.That(record.GetProperty("subject").GetString(), Is.EqualTo(trail.Digest("jane.doe@example.org").Value));
            Assert.That(record.GetProperty("scopes").GetArrayLength(), Is.EqualTo(2));
            Assert.That(record.GetProperty("source").GetString(), Does.StartWith("hmac-sha256:k1:"));
            Assert.That(record.GetProperty("prev").GetString(), Is.EqualTo(RecordLayout.GenesisHash));
            Assert.That(record.GetProperty("hash").GetString(), Has.Length.EqualTo(43));
        });
    }

    [Test]
    public async Task RedactionRecord_FindingsAndIdentifiers_CountsAndDigests()
    {
        // Arrange
        var trail = await _harness.StartAsync();
        var redaction = Events.Redaction(trail, 1) with
        {
            Findings = new Dictionary<string, int> { ["ssn"] = 2, ["Jane Doe"] = 1 },
        };

        // Act
        trail.TryAppend(redaction);
        await trail.StopAsync();

        // Assert
        var record = JsonDocument.Parse(_harness.AllLines()[0]).RootElement;
        Assert.That(record.GetProperty("type").GetString(), Is.EqualTo("redaction"));
        Assert.That(record.GetProperty("direction").GetString(), Is.EqualTo("response"));
        Assert.That(record.GetProperty("action").GetString(), Is.EqualTo("redacted"));
        Assert.That(record.GetProperty("findings").GetProperty("ssn").GetInt32(), Is.EqualTo(2));
        Assert.That(record.GetProperty("findings").GetProperty("other").GetInt32(), Is.EqualTo(1), "a category that is not a token is never written as a key");
        Assert.That(record.GetProperty("identifiers")[1].GetString(), Is.EqualTo(trail.Digest("MRN-000123").Value));
        Assert.That(_harness.AllLines()[0], Does.Not.Contain("Jane"));
    }

    [Test]
    public async Task CheckpointInterval_Elapsed_SignsCheckpointWithoutMoreEvents()
    {
        // Arrange
        var trail = await _harness.StartAsync(o => o.CheckpointInterval = "5s");
        Events.AppendDecisions(trail, 3);
        await Eventually.TrueAsync(() => trail.Position.Sequence == 3);

        // Act
        var signed = await Eventually.TrueAsync(() => trail.Position.UnsignedCount == 0, () => _harness.Time.Advance(TimeSpan.FromSeconds(1)));

        // Assert
        Assert.That(signed, Is.True);
        var last = JsonDocument.Parse(_harness.AllLines()[^1]).RootElement;
        Assert.That(last.GetProperty("reason").GetString(), Is.EqualTo("interval"));
        Assert.That(last.GetProperty("from").GetInt64(), Is.EqualTo(1));
        Assert.That(last.GetProperty("to").GetInt64(), Is.EqualTo(3));
        Assert.That(_harness.Verify().Problem, Is.Null, "a trail that is idle after an interval checkpoint verifies while still open");
    }

    [Test]
    public async Task RotateSize_Exceeded_NewFilesEachEndingWithCheckpointAndChainIntact()
    {
        // Arrange
        var trail = await _harness.StartAsync(o => { o.RotateSize = "8KiB"; o.BatchSize = 5; });

        // Act
        for (var i = 0; i < 20; i++)
        {
            Events.AppendDecisions(trail, 5, i * 5);
            var target = trail.Position.Sequence + 5;
            await Eventually.TrueAsync(() => trail.Position.Sequence >= target);
        }

        await trail.StopAsync();

        // Assert
        var files = _harness.Files();
        Assert.That(files, Has.Length.GreaterThan(3));
        foreach (var file in files)
        {
            var last = JsonDocument.Parse(File.ReadAllLines(file)[^1]).RootElement;
            Assert.That(last.GetProperty("type").GetString(), Is.EqualTo("checkpoint"), Path.GetFileName(file));
        }

        var report = _harness.Verify();
        Assert.That(report.Problem, Is.Null);
        Assert.That(report.Events, Is.EqualTo(100));
        Assert.That(report.Files, Is.EqualTo(files.Length));
    }

    [Test]
    public async Task RotateInterval_Elapsed_NextEventGoesToNewFile()
    {
        // Arrange
        var trail = await _harness.StartAsync(o => o.RotateInterval = "1h");
        Events.AppendDecisions(trail, 2);
        await Eventually.TrueAsync(() => trail.Position.Sequence == 2);

        // Act
        _harness.Time.Advance(TimeSpan.FromHours(1));
        await Eventually.TrueAsync(() => trail.Position.UnsignedCount == 0);
        Events.AppendDecisions(trail, 2, 2);
        await trail.StopAsync();

        // Assert
        var files = _harness.Files();
        Assert.That(files, Has.Length.EqualTo(2));
        Assert.That(Path.GetFileName(files[1]), Does.StartWith("audit-00000002-20260301T090000Z"));
        Assert.That(_harness.Verify().Problem, Is.Null);
    }

    [Test]
    public async Task Restart_SameDirectory_ContinuesChainInNewFile()
    {
        // Arrange
        var first = await _harness.StartAsync();
        Events.AppendDecisions(first, 10);
        await first.StopAsync();

        // Act
        var second = await _harness.StartAsync();
        Events.AppendDecisions(second, 10, 10);
        await second.StopAsync();

        // Assert
        var files = _harness.Files();
        Assert.That(files, Has.Length.EqualTo(2));
        var firstOfSecond = JsonDocument.Parse(File.ReadAllLines(files[1])[0]).RootElement;
        var lastOfFirst = JsonDocument.Parse(File.ReadAllLines(files[0])[^1]).RootElement;
        Assert.That(firstOfSecond.GetProperty("seq").GetInt64(), Is.EqualTo(lastOfFirst.GetProperty("seq").GetInt64() + 1));
        Assert.That(firstOfSecond.GetProperty("prev").GetString(), Is.EqualTo(lastOfFirst.GetProperty("hash").GetString()));
        var report = _harness.Verify();
        Assert.That(report.Problem, Is.Null);
        Assert.That(report.Events, Is.EqualTo(20));
    }

    [Test]
    public async Task Restart_AfterCrashWithUnsignedTail_NextCheckpointCoversTheTail()
    {
        // Arrange: snapshot the directory while records are written but not yet signed (a crash).
        var running = await _harness.StartAsync(o => o.CheckpointEvery = 1000);
        Events.AppendDecisions(running, 7);
        await Eventually.TrueAsync(() => running.Position.Sequence == 7);
        var crashed = Path.Combine(_harness.Root, "crashed");
        Directory.CreateDirectory(crashed);
        foreach (var file in _harness.Files())
        {
            File.Copy(file, Path.Combine(crashed, Path.GetFileName(file)));
        }

        Assert.That(_harness.Verify(directory: crashed).Problem?.Kind, Is.EqualTo(AuditProblemKind.UnsignedTail));

        // Act
        var restarted = await _harness.StartAsync(o => { o.Directory = crashed; o.CheckpointEvery = 1000; });
        Events.AppendDecisions(restarted, 3, 7);
        await restarted.StopAsync();

        // Assert
        var report = _harness.Verify(directory: crashed);
        Assert.That(report.Problem, Is.Null);
        Assert.That(report.Events, Is.EqualTo(10));
        var checkpoint = JsonDocument.Parse(_harness.AllLines(crashed)[^1]).RootElement;
        Assert.That(checkpoint.GetProperty("from").GetInt64(), Is.EqualTo(1));
    }

    [Test]
    public async Task StdoutSink_WithoutDirectory_WritesVerifiableLines()
    {
        // Arrange
        using var stdout = new MemoryStream();
        var trail = await _harness.StartAsync(o => { o.Directory = null; o.Stdout = true; }, stdout);

        // Act
        Events.AppendDecisions(trail, 5);
        await trail.StopAsync();

        // Assert
        var capture = Path.Combine(_harness.Root, "stdout.jsonl");
        await File.WriteAllBytesAsync(capture, stdout.ToArray());
        using var key = CheckpointVerificationKey.FromPem(_harness.PublicKeyPem, out _)!;
        var report = new AuditVerifier([key]).VerifyFiles([capture]);
        Assert.That(report.Problem, Is.Null);
        Assert.That(report.Events, Is.EqualTo(5));
        Assert.That(Directory.Exists(_harness.AuditDirectory), Is.False);
    }

    [Test]
    public async Task StdoutMirror_WithDirectory_CarriesTheSameLines()
    {
        // Arrange
        using var stdout = new MemoryStream();
        var trail = await _harness.StartAsync(o => o.Stdout = true, stdout);

        // Act
        Events.AppendDecisions(trail, 5);
        await trail.StopAsync();

        // Assert
        var mirrored = System.Text.Encoding.UTF8.GetString(stdout.ToArray()).TrimEnd('\n').Split('\n');
        Assert.That(mirrored, Is.EqualTo(_harness.AllLines()));
    }

    [Test]
    public async Task DecisionRecord_QueryNameNotAToken_NameDroppedDigestKept()
    {
        // Arrange
        var trail = await _harness.StartAsync();
        var decision = Events.Decision(trail, 1) with
        {
            Route = new AuditRoute
            {
                Method = "GET",
                PathTemplate = "/fhir/Patient",
                Query = new Dictionary<string, AuditDigest> { ["family"] = trail.Digest("Koepp"), ["Jane Doe"] = trail.Digest("x") },
            },
        };

        // Act
        trail.TryAppend(decision);
        await trail.StopAsync();

        // Assert
        var line = _harness.AllLines()[0];
        var record = JsonDocument.Parse(line).RootElement;
        Assert.That(line, Does.Not.Contain("Jane"));
        Assert.That(record.GetProperty("query").GetProperty("family").GetString(), Is.EqualTo(trail.Digest("Koepp").Value));
        Assert.That(record.GetProperty("query_unnamed")[0].GetString(), Is.EqualTo(trail.Digest("x").Value));
    }

    [Test]
    public async Task Restart_AfterCrashMidWrite_TornLineNotedAndChainVerifies()
    {
        // Arrange: a crash left half a record at the end of the newest file.
        var first = await _harness.StartAsync(o => o.CheckpointEvery = 1000);
        Events.AppendDecisions(first, 4);
        await Eventually.TrueAsync(() => first.Position.Sequence == 4);
        var crashed = Path.Combine(_harness.Root, "crashed");
        Directory.CreateDirectory(crashed);
        var file = _harness.Files()[0];
        var copy = Path.Combine(crashed, Path.GetFileName(file));
        File.Copy(file, copy);
        File.AppendAllText(copy, File.ReadAllLines(file)[0][..100]);
        Assert.That(_harness.Verify(directory: crashed).Problem?.Kind, Is.EqualTo(AuditProblemKind.Truncated));

        // Act
        var restarted = await _harness.StartAsync(o => { o.Directory = crashed; o.CheckpointEvery = 1000; });
        Events.AppendDecisions(restarted, 2, 4);
        await restarted.StopAsync();

        // Assert
        var report = _harness.Verify(directory: crashed);
        Assert.That(report.Problem, Is.Null);
        Assert.That(report.TornLines, Is.EqualTo(1));
        Assert.That(report.Events, Is.EqualTo(6));
    }

    [Test]
    public async Task StdoutCapture_InterleavedWithLogLines_VerifiesWhenForeignLinesSkipped()
    {
        // Arrange: what a container runtime captures when logs and audit records share stdout.
        using var stdout = new MemoryStream();
        var trail = await _harness.StartAsync(o => { o.Directory = null; o.Stdout = true; }, stdout);
        Events.AppendDecisions(trail, 4);
        await trail.StopAsync();
        var mixed = new List<string>();
        foreach (var line in Encoding.UTF8.GetString(stdout.ToArray()).TrimEnd('\n').Split('\n'))
        {
            mixed.Add("{\"@t\":\"2026-03-01T08:00:00Z\",\"@mt\":\"request served\"}");
            mixed.Add(line);
        }

        var capture = Path.Combine(_harness.Root, "capture.log");
        await File.WriteAllTextAsync(capture, string.Join('\n', mixed) + "\n");
        using var key = CheckpointVerificationKey.FromPem(_harness.PublicKeyPem, out _)!;

        // Act
        var strict = new AuditVerifier([key]).VerifyFiles([capture]);
        var filtered = new AuditVerifier([key]).VerifyFiles([capture], skipForeignLines: true);

        // Assert
        Assert.That(strict.Problem?.Line, Is.EqualTo(1));
        Assert.That(filtered.Problem, Is.Null);
        Assert.That(filtered.Events, Is.EqualTo(4));
    }

    [Test]
    public async Task StdoutCapture_RecordDeletedBetweenLogLines_ReportsTheOriginalLineNumber()
    {
        // Arrange
        using var stdout = new MemoryStream();
        var trail = await _harness.StartAsync(o => { o.Directory = null; o.Stdout = true; }, stdout);
        Events.AppendDecisions(trail, 4);
        await trail.StopAsync();
        var records = Encoding.UTF8.GetString(stdout.ToArray()).TrimEnd('\n').Split('\n').ToList();
        records.RemoveAt(1);
        var mixed = records.SelectMany(r => new[] { "{\"@t\":\"x\"}", r });
        var capture = Path.Combine(_harness.Root, "capture.log");
        await File.WriteAllTextAsync(capture, string.Join('\n', mixed) + "\n");
        using var key = CheckpointVerificationKey.FromPem(_harness.PublicKeyPem, out _)!;

        // Act
        var problem = new AuditVerifier([key]).VerifyFiles([capture], skipForeignLines: true).Problem;

        // Assert
        Assert.That(problem?.Kind, Is.EqualTo(AuditProblemKind.Deleted));
        Assert.That(problem!.Line, Is.EqualTo(4), "line numbers count the log lines too");
    }

    [Test]
    public async Task Metrics_AfterWriting_CountsDepthAndCheckpointAge()
    {
        // Arrange
        var trail = await _harness.StartAsync(o => o.CheckpointEvery = 10);
        Events.AppendDecisions(trail, 25);
        trail.TryAppend(Events.Redaction(trail, 1));
        await Eventually.TrueAsync(() => trail.EventsWritten == 26);

        // Act
        _harness.Time.Advance(TimeSpan.FromSeconds(7));
        await Eventually.TrueAsync(() => Metric("phigate_audit_last_checkpoint_age_seconds") >= 7);
        await trail.StopAsync();

        // Assert
        Assert.That(Metric("phigate_audit_events_written_total{type=\"decision\"}"), Is.EqualTo(25));
        Assert.That(Metric("phigate_audit_events_written_total{type=\"redaction\"}"), Is.EqualTo(1));
        Assert.That(Metric("phigate_audit_events_written_total{type=\"checkpoint\"}"), Is.EqualTo(3), "two count checkpoints, one at shutdown");
        Assert.That(Metric("phigate_audit_queue_depth"), Is.Zero);
        Assert.That(Metric("phigate_audit_write_failures_total{sink=\"file\"}"), Is.Zero);
    }

    private double Metric(string series)
    {
        using var stream = new MemoryStream();
        _harness.Registry.CollectAndExportAsTextAsync(stream).GetAwaiter().GetResult();
        var line = Encoding.UTF8.GetString(stream.ToArray()).Split('\n').FirstOrDefault(l => l.StartsWith(series + " ", StringComparison.Ordinal));
        return line is null ? double.NaN : double.Parse(line[(series.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference AppendAndForget(AuditTrail trail)
    {
        var auditEvent = Events.Decision(trail, 1);
        Assert.That(trail.TryAppend(auditEvent), Is.True);
        return new WeakReference(auditEvent);
    }
}
