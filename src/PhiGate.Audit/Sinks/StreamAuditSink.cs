namespace PhiGate.Audit;

/// <summary>Writes record lines to a stream: stdout for a log collector, or any stream in tests.</summary>
internal sealed class StreamAuditSink : IDisposable
{
    private readonly Stream _stream;
    private readonly bool _ownsStream;

    public StreamAuditSink(Stream stream, bool ownsStream)
    {
        _stream = stream;
        _ownsStream = ownsStream;
    }

    public static StreamAuditSink OpenStdout()
    {
#pragma warning disable RS0030 // The stdout sink is the one place the library writes to the process's stdout by design.
        return new StreamAuditSink(Console.OpenStandardOutput(), ownsStream: true);
#pragma warning restore RS0030
    }

    public AuditSinkFailure TryWrite(ReadOnlySpan<byte> lines)
    {
        try
        {
            // One write per line: stdout is shared with the log output, and a pipe keeps a write whole
            // only up to PIPE_BUF bytes, so a whole batch in one write could interleave with a log line.
            while (!lines.IsEmpty)
            {
                var end = lines.IndexOf((byte)'\n') + 1;
                end = end == 0 ? lines.Length : end;
                _stream.Write(lines[..end]);
                lines = lines[end..];
            }

            _stream.Flush();
            return AuditSinkFailure.None;
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or NotSupportedException)
        {
            return AuditSinkFailure.WriteFailed;
        }
    }

    public void Dispose()
    {
        if (_ownsStream)
        {
            _stream.Dispose();
        }
    }
}
