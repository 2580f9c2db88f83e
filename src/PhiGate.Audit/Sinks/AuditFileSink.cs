using System.Runtime.CompilerServices;

namespace PhiGate.Audit;

/// <summary>
/// The append-only file sink. One file is open at a time; every batch is written and fsynced before
/// the writer commits it. A file is never reopened once closed: after a restart or a write failure the
/// sink opens the next index and the chain continues there.
/// </summary>
/// <remarks>
/// A failed write is rolled back to the last committed length (the file is still ours and open) and
/// the file is closed, so a retry never lands behind a torn line.
/// </remarks>
internal sealed class AuditFileSink : IDisposable
{
    private const int DiskFullHResult = 28; // ENOSPC

    private readonly string _directory;
    private readonly long _rotateSize;
    private readonly TimeSpan _rotateInterval;
    private FileStream? _stream;
    private long _length;
    private long _lastIndex;
    private DateTimeOffset _openedAt;

    public AuditFileSink(string directory, long rotateSize, TimeSpan rotateInterval)
    {
        _directory = directory;
        _rotateSize = rotateSize;
        _rotateInterval = rotateInterval;
    }

    public bool IsOpen => _stream is not null;

    /// <summary>Directory fsyncs done so far (each new file's entry, and a directory the sink created).</summary>
    public int DirectorySyncs { get; private set; }

    /// <summary>The open file's name (no directory), for diagnostics.</summary>
    public string? CurrentFileName { get; private set; }

    public bool NeedsRotation(DateTimeOffset now) => _stream is not null && (_length >= _rotateSize || now - _openedAt >= _rotateInterval);

    /// <summary>
    /// Makes sure the directory exists and finds where the chain stands in it (genesis when empty).
    /// Called before the first write and again after every failure until it succeeds.
    /// </summary>
    public AuditSinkFailure TryRecover(out ChainPosition position)
    {
        position = ChainPosition.Genesis;
        List<(long Index, string Path)> files;
        try
        {
            if (!EnsureDirectory())
            {
                return AuditSinkFailure.DirectoryUnavailable;
            }

            files = AuditFileName.List(_directory);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return AuditSinkFailure.DirectoryUnavailable;
        }

        _lastIndex = files.Count == 0 ? 0 : files[^1].Index;
        try
        {
            for (var i = files.Count - 1; i >= 0; i--)
            {
                if (ChainTail.Read(files[i].Path) is { } tail)
                {
                    position = tail;
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return AuditSinkFailure.ChainTailUnreadable;
        }

        return AuditSinkFailure.None;
    }

    public AuditSinkFailure TryOpenNext(DateTimeOffset now)
    {
        Close();
        var index = _lastIndex + 1;
        var name = AuditFileName.Format(index, now);
        try
        {
            // A directory that vanished (or was replaced) comes back here once it can.
            if (!EnsureDirectory())
            {
                return AuditSinkFailure.OpenFailed;
            }

            // CreateNew: an existing file (another writer, or a name reused by hand) is never appended to.
            _stream = new FileStream(Path.Combine(_directory, name), FileMode.CreateNew, FileAccess.Write, FileShare.Read, bufferSize: 0);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // An index taken by a file that already exists is skipped; otherwise the next attempt reuses it,
            // so a failed open leaves no gap that the verifier would report as a missing file.
            if (FileExists(index))
            {
                _lastIndex = index;
            }

            return AuditSinkFailure.OpenFailed;
        }

        // The new name must be durable before any record in the file is committed: a crash could otherwise
        // lose the whole file even though its records were fsynced. An empty file left behind is skipped.
        if (!SyncDirectory(_directory))
        {
            Close();
            _lastIndex = index;
            return AuditSinkFailure.OpenFailed;
        }

        _lastIndex = index;
        _length = 0;
        _openedAt = now;
        CurrentFileName = name;
        return AuditSinkFailure.None;
    }

    /// <summary>Writes and fsyncs; on failure rolls the file back to its last good length and closes it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public AuditSinkFailure TryAppend(ReadOnlySpan<byte> lines)
    {
        if (_stream is null)
        {
            return AuditSinkFailure.WriteFailed;
        }

        try
        {
            _stream.Write(lines);
            _stream.Flush(flushToDisk: true);
            _length += lines.Length;
            return AuditSinkFailure.None;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            RollBack();
            return (ex.HResult & 0xFFFF) == DiskFullHResult ? AuditSinkFailure.DiskFull : AuditSinkFailure.WriteFailed;
        }
    }

    /// <summary>Creates the directory when missing and makes its own entry durable in its parent.</summary>
    private bool EnsureDirectory()
    {
        if (Directory.Exists(_directory))
        {
            return true;
        }

        Directory.CreateDirectory(_directory);
        return Path.GetDirectoryName(Path.GetFullPath(_directory)) is not { } parent || SyncDirectory(parent);
    }

    private bool SyncDirectory(string directory)
    {
        DirectorySyncs++;
        return DirectorySync.TryFlush(directory);
    }

    private bool FileExists(long index)
    {
        try
        {
            return Directory.Exists(_directory)
                && Directory.EnumerateFiles(_directory, $"{AuditFileName.Prefix}{index:D8}-*{AuditFileName.Extension}").Any();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    public void Close()
    {
        if (_stream is null)
        {
            return;
        }

        try
        {
            _stream.Dispose();
        }
        catch (IOException)
        {
            // Everything committed was already fsynced; a failing close loses nothing.
        }

        _stream = null;
        CurrentFileName = null;
    }

    public void Dispose() => Close();

    private void RollBack()
    {
        try
        {
            _stream?.SetLength(_length);
            _stream?.Flush(flushToDisk: true);
        }
        catch (IOException)
        {
            // Nothing more can be done; the verifier will report the torn end of this file.
        }

        Close();
    }
}
