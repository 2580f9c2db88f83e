namespace PhiGate.Audit;

/// <summary>The walk over all lines, with the last good record as the reference point.</summary>
internal sealed partial class AuditVerifier
{
    private sealed class WalkState
    {
        public long Sequence;
        public readonly byte[] Hash = System.Text.Encoding.ASCII.GetBytes(RecordLayout.GenesisHash);

        public string HashText => System.Text.Encoding.ASCII.GetString(Hash);
        public bool Anchored;
        public int File = -1;
        public int Line = -1;
        public long LastCheckpoint;
        public (int File, int Line, long Sequence)? FirstUnsigned;
        public long Records;
        public long Events;
        public long Checkpoints;
    }

    private AuditVerificationReport Verify(AuditFileSet files, bool checkFileNumbers)
    {
        var state = new WalkState { Anchored = !_options.AllowPrunedStart };
        var record = new ParsedRecord();
        try
        {
            for (var file = 0; file < files.Count; file++)
            {
                if (checkFileNumbers && MissingFile(files, file) is { } missing)
                {
                    return With(state, files.Count, missing);
                }

                files.Release(file - 2);
                var lines = files.LineCount(file);
                for (var line = 0; line < lines; line++)
                {
                    if (CheckLine(files, file, line, state, record) is { } problem)
                    {
                        return With(state, files.Count, problem);
                    }
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return With(state, files.Count, new AuditVerificationProblem(AuditProblemKind.Unreadable, "", 0, "a file cannot be read"));
        }

        return With(state, files.Count, Finish(files, state));
    }

    private AuditVerificationProblem? MissingFile(AuditFileSet files, int file)
    {
        var expected = file == 0 ? 1 : files.Number(file - 1) + 1;
        if (files.Number(file) == expected || (file == 0 && _options.AllowPrunedStart))
        {
            return null;
        }

        var first = expected;
        var last = files.Number(file) - 1;
        var which = first == last ? $"file index {first} is" : $"file indexes {first}-{last} are";
        return new AuditVerificationProblem(AuditProblemKind.MissingFile, files.Name(file), 1, $"{which} missing before this file");
    }

    private AuditVerificationProblem? Finish(AuditFileSet files, WalkState state)
    {
        if (state.Records == 0)
        {
            return new AuditVerificationProblem(AuditProblemKind.NoRecords, "", 0, "no audit records found");
        }

        if (state.FirstUnsigned is { } unsigned && !_options.AllowUnsignedTail)
        {
            var count = state.Sequence - unsigned.Sequence + 1;
            return new AuditVerificationProblem(AuditProblemKind.UnsignedTail, files.Name(unsigned.File), unsigned.Line + 1,
                $"{count} record(s) from sequence {unsigned.Sequence} on follow the last checkpoint and are not signed");
        }

        return null;
    }

    private static AuditVerificationReport With(WalkState state, int files, AuditVerificationProblem? problem) => new()
    {
        Files = files,
        Records = state.Records,
        Events = state.Events,
        Checkpoints = state.Checkpoints,
        LastSequence = state.Sequence,
        Problem = problem,
    };
}
