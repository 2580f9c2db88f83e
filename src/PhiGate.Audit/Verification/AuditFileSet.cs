namespace PhiGate.Audit;

/// <summary>
/// The files under verification with their lines, loaded one file ahead of the verifier so it can look
/// across a file boundary. Files already passed are released.
/// </summary>
internal sealed class AuditFileSet
{
    private readonly IReadOnlyList<(long Number, string Path)> _files;
    private readonly byte[]?[] _data;
    private readonly List<(int Start, int Length, bool Terminated)>?[] _lines;

    public AuditFileSet(IReadOnlyList<(long Number, string Path)> files)
    {
        _files = files;
        _data = new byte[]?[files.Count];
        _lines = new List<(int, int, bool)>?[files.Count];
    }

    public int Count => _files.Count;

    public long Number(int file) => _files[file].Number;

    public string Name(int file) => Path.GetFileName(_files[file].Path);

    public int LineCount(int file)
    {
        Load(file);
        return _lines[file]!.Count;
    }

    public ReadOnlySpan<byte> Line(int file, int line, out bool terminated)
    {
        Load(file);
        var (start, length, isTerminated) = _lines[file]![line];
        terminated = isTerminated;
        return _data[file].AsSpan(start, length);
    }

    /// <summary>The position after (file, line), skipping empty files, or null at the end.</summary>
    public (int File, int Line)? Next(int file, int line)
    {
        if (line + 1 < LineCount(file))
        {
            return (file, line + 1);
        }

        for (var next = file + 1; next < _files.Count; next++)
        {
            if (LineCount(next) > 0)
            {
                return (next, 0);
            }
        }

        return null;
    }

    public void Release(int file)
    {
        if (file >= 0 && file < _files.Count)
        {
            _data[file] = null;
            _lines[file] = null;
        }
    }

    private void Load(int file)
    {
        if (_lines[file] is not null)
        {
            return;
        }

        var data = File.ReadAllBytes(_files[file].Path);
        var lines = new List<(int, int, bool)>(data.Length / 256);
        var start = 0;
        while (start < data.Length)
        {
            var newline = data.AsSpan(start).IndexOf((byte)'\n');
            if (newline < 0)
            {
                lines.Add((start, data.Length - start, false));
                break;
            }

            lines.Add((start, newline, true));
            start += newline + 1;
        }

        _data[file] = data;
        _lines[file] = lines;
    }
}
