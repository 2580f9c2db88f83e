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
            _stream.Write(lines);
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
