namespace PhiGate.Audit;

/// <summary>
/// Finds where a previous process left the chain: the last complete record of the newest file that
/// has one, and the first record after the last checkpoint (so the next checkpoint covers a tail the
/// previous process did not sign, e.g. after a crash).
/// </summary>
internal static class ChainTail
{
    /// <summary>How much of a file's end is read; a checkpoint is normally far closer to the end.</summary>
    private const int Window = 4 << 20;

    public static ChainPosition? Read(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var length = stream.Length;
        var start = Math.Max(0, length - Window);
        var buffer = new byte[length - start];
        stream.Position = start;
        stream.ReadExactly(buffer);

        var span = buffer.AsSpan();
        var end = span.LastIndexOf((byte)'\n');
        if (end < 0)
        {
            return null;
        }

        var record = new ParsedRecord();
        ChainPosition? position = null;
        var firstSeen = 0L;
        while (end > 0)
        {
            var lineStart = span[..end].LastIndexOf((byte)'\n') + 1;
            if (lineStart == 0 && start > 0)
            {
                break; // The window cut this line; it is not complete.
            }

            var defect = RecordParser.TryParse(span[lineStart..end], record, checkHash: false);
            if (defect == RecordDefect.None)
            {
                position ??= new ChainPosition(record.Sequence, record.Hash, record.Sequence + 1);
                firstSeen = record.Sequence;
                if (record.Type == RecordType.Checkpoint)
                {
                    return position.Value with { FirstUnsigned = record.Sequence + 1 };
                }
            }

            end = lineStart - 1;
        }

        return position is { } found ? found with { FirstUnsigned = Math.Min(found.FirstUnsigned, firstSeen) } : null;
    }
}
