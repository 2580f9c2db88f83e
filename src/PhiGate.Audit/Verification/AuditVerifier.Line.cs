namespace PhiGate.Audit;

/// <summary>One line: well-formed, linked, in order, and (for checkpoints) signed.</summary>
internal sealed partial class AuditVerifier
{
    /// <summary>How far ahead a gap in sequence numbers is searched for the missing record (reordered vs deleted).</summary>
    private const int ReorderWindow = 4096;

    private readonly ParsedRecord _peek = new();

    private AuditVerificationProblem? CheckLine(AuditFileSet files, int file, int line, WalkState state, ParsedRecord record)
    {
        var bytes = files.Line(file, line, out var terminated);
        if (bytes.IsEmpty && terminated)
        {
            return Problem(AuditProblemKind.Inserted, files, file, line, "empty line");
        }

        if (!terminated)
        {
            return Problem(AuditProblemKind.Truncated, files, file, line, "the file ends inside a record");
        }

        var defect = RecordParser.TryParse(bytes, record);
        if (defect != RecordDefect.None)
        {
            return NextFits(files, file, line, state)
                ? Problem(AuditProblemKind.Inserted, files, file, line, "a line that is not part of the chain")
                : Problem(AuditProblemKind.Modified, files, file, line, Describe(defect));
        }

        if (!Fits(record, state))
        {
            return Misfit(files, file, line, state, record);
        }

        if (record.Type == RecordType.Checkpoint && CheckCheckpoint(record, state) is { } detail)
        {
            return Problem(detail.Kind, files, file, line, detail.Text);
        }

        Accept(record, state, file, line);
        return null;
    }

    private static void Accept(ParsedRecord record, WalkState state, int file, int line)
    {
        state.Sequence = record.Sequence;
        record.HashBytes.CopyTo(state.Hash);
        state.Anchored = true;
        state.File = file;
        state.Line = line;
        state.Records++;
        if (record.Type == RecordType.Checkpoint)
        {
            state.Checkpoints++;
            state.LastCheckpoint = record.Sequence;
            state.FirstUnsigned = null;
        }
        else
        {
            state.Events++;
            state.FirstUnsigned ??= (file, line, record.Sequence);
        }
    }

    private static bool Fits(ParsedRecord record, WalkState state) =>
        !state.Anchored || (record.Sequence == state.Sequence + 1 && record.PrevBytes.SequenceEqual(state.Hash));

    /// <summary>A well-formed record that does not continue the chain: classify what happened.</summary>
    private AuditVerificationProblem Misfit(AuditFileSet files, int file, int line, WalkState state, ParsedRecord record)
    {
        var expected = state.Sequence + 1;
        if (NextFits(files, file, line, state))
        {
            // The next line continues the chain. If this one in turn continues the next, the two were swapped.
            if (record.Sequence == _peek.Sequence + 1 && record.PrevBytes.SequenceEqual(_peek.HashBytes))
            {
                return Problem(AuditProblemKind.Reordered, files, file, line, $"sequence {record.Sequence} appears before sequence {expected}");
            }

            return Problem(AuditProblemKind.Inserted, files, file, line, $"record with sequence {record.Sequence} does not belong between sequence {state.Sequence} and {expected}");
        }

        if (record.Sequence == expected)
        {
            return Problem(AuditProblemKind.Modified, files, file, line,
                $"sequence {record.Sequence} does not link to the record before it ({files.Name(state.File)}:{state.Line + 1}): one of them was rewritten");
        }

        if (record.Sequence < expected)
        {
            return Problem(AuditProblemKind.Inserted, files, file, line, $"sequence {record.Sequence} repeats a sequence number already seen (expected {expected})");
        }

        if (line == 0 && state.File >= 0 && state.File < file)
        {
            return Problem(AuditProblemKind.Truncated, files, state.File, state.Line + 1,
                $"the file ends after sequence {state.Sequence}; {files.Name(file)} continues at {record.Sequence}, so sequence {Range(expected, record.Sequence - 1)} is missing from its end");
        }

        return FindAhead(files, file, line, expected)
            ? Problem(AuditProblemKind.Reordered, files, file, line, $"sequence {record.Sequence} appears before sequence {expected}")
            : Problem(AuditProblemKind.Deleted, files, file, line, $"sequence {Range(expected, record.Sequence - 1)} is missing before this line");
    }

    private bool NextFits(AuditFileSet files, int file, int line, WalkState state)
    {
        if (files.Next(file, line) is not { } next)
        {
            return false;
        }

        var bytes = files.Line(next.File, next.Line, out var terminated);
        return terminated && RecordParser.TryParse(bytes, _peek) == RecordDefect.None && Fits(_peek, state);
    }

    private bool FindAhead(AuditFileSet files, int file, int line, long sequence)
    {
        var position = files.Next(file, line);
        for (var i = 0; i < ReorderWindow && position is { } at; i++)
        {
            var bytes = files.Line(at.File, at.Line, out _);
            if (RecordParser.TryParse(bytes, _peek, checkHash: false) == RecordDefect.None && _peek.Sequence == sequence)
            {
                return true;
            }

            position = files.Next(at.File, at.Line);
        }

        return false;
    }

    private static string Describe(RecordDefect defect) => defect switch
    {
        RecordDefect.HashMismatch => "the record's content does not match its hash",
        RecordDefect.UnknownType => "unknown record type",
        RecordDefect.UnsupportedVersion => "unsupported schema version",
        _ => "not a well-formed audit record",
    };

    private static string Range(long from, long to) => from == to ? $"{from}" : $"{from}-{to}";

    private static AuditVerificationProblem Problem(AuditProblemKind kind, AuditFileSet files, int file, int line, string detail) =>
        new(kind, files.Name(file), line + 1, detail);
}
