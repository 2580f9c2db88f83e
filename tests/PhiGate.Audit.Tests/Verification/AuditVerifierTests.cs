using System.Buffers;
using System.Text;

namespace PhiGate.Audit.Tests;

public class AuditVerifierTests
{
    private TrailHarness _harness = null!;
    private string[] _files = [];

    /// <summary>60 events in batches of 5, a checkpoint every 10 records and 4 KiB files: several files.</summary>
    [SetUp]
    public async Task SetUp()
    {
        _harness = new TrailHarness();
        var trail = await _harness.StartAsync(o => { o.RotateSize = "4KiB"; o.BatchSize = 5; o.CheckpointEvery = 10; });
        for (var i = 0; i < 12; i++)
        {
            Events.AppendDecisions(trail, 5, i * 5);
            var target = trail.Position.Sequence + 5;
            await Eventually.TrueAsync(() => trail.Position.Sequence >= target);
        }

        await trail.StopAsync();
        _files = _harness.Files();
        Assert.That(_files, Has.Length.GreaterThanOrEqualTo(4), "the fixture needs a first, middle and last file");
    }

    [TearDown]
    public async Task TearDown() => await _harness.DisposeAsync();

    [Test]
    public void Verify_UntouchedTrail_Valid()
    {
        // Act
        var report = _harness.Verify();

        // Assert
        Assert.That(report.IsValid, Is.True, report.Problem?.ToString());
        Assert.That(report.Events, Is.EqualTo(60));
        Assert.That(report.Checkpoints, Is.GreaterThanOrEqualTo(6));
        Assert.That(report.Files, Is.EqualTo(_files.Length));
    }

    [Test]
    public void Verify_OneByteOfOneFieldEdited_ModifiedAtThatLine()
    {
        // Arrange: req-12 becomes req-13 in the middle file.
        var file = _files[1];
        var index = Tamper.ReadLines(file).FindIndex(l => l.Contains("\"type\":\"decision\"", StringComparison.Ordinal));
        Tamper.EditLine(file, index, l => ReplaceFirst(l, "\"decision\":\"", "\"decision\":\"X"));

        // Act
        var problem = _harness.Verify().Problem;

        // Assert
        Assert.That(problem, Is.Not.Null);
        Assert.That(problem!.Kind, Is.EqualTo(AuditProblemKind.Modified));
        Assert.That(problem.File, Is.EqualTo(Path.GetFileName(file)));
        Assert.That(problem.Line, Is.EqualTo(index + 1));
    }

    [Test]
    public void Verify_SingleByteFlippedInDigest_ModifiedAtThatLine()
    {
        // Arrange
        var file = _files[0];
        Tamper.EditLine(file, 2, l =>
        {
            var at = l.IndexOf("hmac-sha256:k1:", StringComparison.Ordinal) + 15;
            return l[..at] + (l[at] == 'A' ? 'B' : 'A') + l[(at + 1)..];
        });

        // Act
        var problem = _harness.Verify().Problem;

        // Assert
        Assert.That(problem, Is.EqualTo(new AuditVerificationProblem(AuditProblemKind.Modified, Path.GetFileName(file), 3, "the record's content does not match its hash")));
    }

    [Test]
    public void Verify_RecordEditedAndRehashed_ModifiedAtTheNextLine()
    {
        // Arrange: the attacker fixes the record's own hash but cannot fix the next record's link.
        var file = _files[1];
        Tamper.EditLine(file, 1, l => Tamper.Rehash(ReplaceFirst(l, "policy_", "policy_x")));

        // Act
        var problem = _harness.Verify().Problem;

        // Assert
        Assert.That(problem?.Kind, Is.EqualTo(AuditProblemKind.Modified));
        Assert.That(problem!.File, Is.EqualTo(Path.GetFileName(file)));
        Assert.That(problem.Line, Is.EqualTo(3));
    }

    [Test]
    public void Verify_WholeTailRelinkedAfterEdit_CheckpointCatchesIt()
    {
        // Arrange: every later link recomputed; only the signed checkpoint still names the old head.
        var file = _files[^1];
        Tamper.EditLine(file, 0, l => ReplaceFirst(l, "policy_", "policy_x"));
        Tamper.Relink(file, 0);

        // Act
        var problem = _harness.Verify().Problem;

        // Assert
        Assert.That(problem?.Kind, Is.EqualTo(AuditProblemKind.Modified));
        Assert.That(problem!.Detail, Does.Contain("checkpoint"));
    }

    [Test]
    public void Verify_CheckpointHeadForged_BadSignature()
    {
        // Arrange: relink and also rewrite the checkpoint's head; the signature no longer matches.
        var file = _files[^1];
        var lines = Tamper.ReadLines(file);
        var checkpoint = lines.FindIndex(l => l.Contains("\"type\":\"checkpoint\"", StringComparison.Ordinal));
        Tamper.EditLine(file, 0, l => ReplaceFirst(l, "policy_", "policy_x"));
        Tamper.Relink(file, 0);
        lines = Tamper.ReadLines(file);
        var head = Tamper.HashOf(lines[checkpoint - 1]);
        var oldHead = lines[checkpoint].Split("\"head\":\"")[1][..RecordLayout.HashChars];
        Tamper.EditLine(file, checkpoint, l => ReplaceFirst(l, oldHead, head));
        Tamper.Relink(file, checkpoint);

        // Act
        var problem = _harness.Verify().Problem;

        // Assert
        Assert.That(problem?.Kind, Is.EqualTo(AuditProblemKind.BadSignature));
        Assert.That(problem!.Line, Is.EqualTo(checkpoint + 1));
    }

    [Test]
    public void Verify_LineDeleted_DeletedAtTheFollowingLine()
    {
        // Arrange
        var file = _files[1];
        Tamper.DeleteLine(file, 2);

        // Act
        var problem = _harness.Verify().Problem;

        // Assert
        Assert.That(problem?.Kind, Is.EqualTo(AuditProblemKind.Deleted));
        Assert.That(problem!.File, Is.EqualTo(Path.GetFileName(file)));
        Assert.That(problem.Line, Is.EqualTo(3));
    }

    [Test]
    public void Verify_TwoLinesSwapped_ReorderedAtTheFirstOfThem()
    {
        // Arrange
        var file = _files[1];
        Tamper.SwapLines(file, 1, 2);

        // Act
        var problem = _harness.Verify().Problem;

        // Assert
        Assert.That(problem?.Kind, Is.EqualTo(AuditProblemKind.Reordered));
        Assert.That(problem!.Line, Is.EqualTo(2));
    }

    [Test]
    public void Verify_LineMovedFarLater_ReorderedWhereItWasTaken()
    {
        // Arrange
        var file = _files[1];
        var lines = Tamper.ReadLines(file);
        Tamper.DeleteLine(file, 1);
        Tamper.InsertLine(file, 5, lines[1]);

        // Act
        var problem = _harness.Verify().Problem;

        // Assert
        Assert.That(problem?.Kind, Is.EqualTo(AuditProblemKind.Reordered));
        Assert.That(problem!.Line, Is.EqualTo(2));
    }

    [Test]
    public void Verify_ForeignLineInserted_InsertedAtThatLine()
    {
        // Arrange
        var file = _files[1];
        Tamper.InsertLine(file, 3, "{\"v\":1,\"seq\":4,\"type\":\"decision\"}");

        // Act
        var problem = _harness.Verify().Problem;

        // Assert
        Assert.That(problem, Is.EqualTo(new AuditVerificationProblem(AuditProblemKind.Inserted, Path.GetFileName(file), 4, "a line that is not part of the chain")));
    }

    [Test]
    public void Verify_CopyOfRecordInserted_InsertedAtTheCopy()
    {
        // Arrange
        var file = _files[1];
        var lines = Tamper.ReadLines(file);
        Tamper.InsertLine(file, 4, lines[1]);

        // Act
        var problem = _harness.Verify().Problem;

        // Assert
        Assert.That(problem?.Kind, Is.EqualTo(AuditProblemKind.Inserted));
        Assert.That(problem!.Line, Is.EqualTo(5));
    }

    [Test]
    public void Verify_MiddleFileCutInsideARecord_TruncatedAtItsLastLine()
    {
        // Arrange
        var file = _files[1];
        var lineCount = Tamper.ReadLines(file).Count;
        Tamper.TruncateBytes(file, new FileInfo(file).Length - 20);

        // Act
        var problem = _harness.Verify().Problem;

        // Assert
        Assert.That(problem, Is.EqualTo(new AuditVerificationProblem(AuditProblemKind.Truncated, Path.GetFileName(file), lineCount, "the file ends inside a record")));
    }

    [Test]
    public void Verify_MiddleFileCutAtALineEnd_TruncatedAfterItsLastLine()
    {
        // Arrange: drop the last two whole lines.
        var file = _files[1];
        var lines = Tamper.ReadLines(file);
        var keep = lines.Take(lines.Count - 2).Sum(l => Encoding.UTF8.GetByteCount(l) + 1);
        Tamper.TruncateBytes(file, keep);

        // Act
        var problem = _harness.Verify().Problem;

        // Assert
        Assert.That(problem?.Kind, Is.EqualTo(AuditProblemKind.Truncated));
        Assert.That(problem!.File, Is.EqualTo(Path.GetFileName(file)));
        Assert.That(problem.Line, Is.EqualTo(lines.Count - 1));
    }

    [Test]
    public void Verify_LastFileCutInsideARecord_Truncated()
    {
        // Arrange
        var file = _files[^1];
        Tamper.TruncateBytes(file, new FileInfo(file).Length - 1);

        // Act
        var problem = _harness.Verify().Problem;

        // Assert
        Assert.That(problem?.Kind, Is.EqualTo(AuditProblemKind.Truncated));
        Assert.That(problem!.File, Is.EqualTo(Path.GetFileName(file)));
    }

    [Test]
    public void Verify_MiddleFileDeleted_MissingFileAtTheNextFile()
    {
        // Arrange
        File.Delete(_files[1]);

        // Act
        var problem = _harness.Verify().Problem;

        // Assert
        Assert.That(problem, Is.EqualTo(new AuditVerificationProblem(AuditProblemKind.MissingFile, Path.GetFileName(_files[2]), 1, "file index 2 is missing before this file")));
    }

    [Test]
    public void Verify_FirstFileDeleted_MissingFileUnlessPrunedStartAllowed()
    {
        // Arrange
        File.Delete(_files[0]);

        // Act
        var strict = _harness.Verify().Problem;
        var pruned = _harness.Verify(new AuditVerifierOptions { AllowPrunedStart = true });

        // Assert
        Assert.That(strict?.Kind, Is.EqualTo(AuditProblemKind.MissingFile));
        Assert.That(pruned.Problem, Is.Null);
    }

    [Test]
    public void Verify_ChainedButUnsignedRecordAppended_UnsignedTail()
    {
        // Arrange: a correctly chained record, as anyone who knows the format can make, without a checkpoint.
        var file = _files[^1];
        var lines = Tamper.ReadLines(file);
        var last = new ParsedRecord();
        Assert.That(RecordParser.TryParse(Encoding.UTF8.GetBytes(lines[^1]), last), Is.EqualTo(RecordDefect.None));
        var buffer = new ArrayBufferWriter<byte>();
        var trail = _harness.Create();
        using var encoder = new RecordEncoder();
        encoder.AppendDecision(buffer, new ChainPosition(last.Sequence, last.Hash, last.Sequence + 1), TrailHarness.Start, Events.Decision(trail, 99));
        File.AppendAllText(file, Encoding.UTF8.GetString(buffer.WrittenSpan));

        // Act
        var strict = _harness.Verify().Problem;
        var live = _harness.Verify(new AuditVerifierOptions { AllowUnsignedTail = true }).Problem;

        // Assert
        Assert.That(strict, Is.EqualTo(new AuditVerificationProblem(AuditProblemKind.UnsignedTail, Path.GetFileName(file), lines.Count + 1,
            $"1 record(s) from sequence {last.Sequence + 1} on follow the last checkpoint and are not signed")));
        Assert.That(live, Is.Null);
    }

    [Test]
    public void Verify_OtherPublicKey_UnknownKey()
    {
        // Arrange
        using var other = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        using var key = CheckpointVerificationKey.FromPem(other.ExportSubjectPublicKeyInfoPem(), out _)!;

        // Act
        var problem = new AuditVerifier([key]).VerifyDirectory(_harness.AuditDirectory).Problem;

        // Assert
        Assert.That(problem?.Kind, Is.EqualTo(AuditProblemKind.UnknownKey));
    }

    [Test]
    public void Verify_EmptyDirectory_NoRecords()
    {
        // Arrange
        var empty = Path.Combine(_harness.Root, "empty");
        Directory.CreateDirectory(empty);

        // Act
        var problem = _harness.Verify(directory: empty).Problem;

        // Assert
        Assert.That(problem?.Kind, Is.EqualTo(AuditProblemKind.NoRecords));
    }

    private static string ReplaceFirst(string text, string find, string replacement)
    {
        var at = text.IndexOf(find, StringComparison.Ordinal);
        Assert.That(at, Is.GreaterThanOrEqualTo(0), $"fixture line lacks '{find}'");
        return text[..at] + replacement + text[(at + find.Length)..];
    }
}
