using System.Globalization;

namespace PhiGate.Audit;

/// <summary>
/// File names: <c>audit-&lt;index, 8 digits&gt;-&lt;UTC opening time&gt;.jsonl</c>. The index grows by one per
/// file, so a gap means a missing file; the time only helps people find a period.
/// </summary>
internal static class AuditFileName
{
    public const string Prefix = "audit-";
    public const string Extension = ".jsonl";
    public const string SearchPattern = "audit-*.jsonl";

    public static string Format(long index, DateTimeOffset opened) =>
        string.Create(CultureInfo.InvariantCulture, $"{Prefix}{index:D8}-{opened.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}{Extension}");

    public static bool TryParseIndex(string fileName, out long index)
    {
        index = 0;
        var name = fileName.AsSpan();
        if (!name.StartsWith(Prefix, StringComparison.Ordinal) || !name.EndsWith(Extension, StringComparison.Ordinal))
        {
            return false;
        }

        name = name[Prefix.Length..];
        var dash = name.IndexOf('-');
        return dash > 0 && long.TryParse(name[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out index) && index > 0;
    }

    /// <summary>The audit files in a directory ordered by index; other files are ignored.</summary>
    public static List<(long Index, string Path)> List(string directory)
    {
        var files = new List<(long Index, string Path)>();
        foreach (var path in System.IO.Directory.EnumerateFiles(directory, SearchPattern))
        {
            if (TryParseIndex(System.IO.Path.GetFileName(path), out var index))
            {
                files.Add((index, path));
            }
        }

        files.Sort((a, b) => a.Index.CompareTo(b.Index));
        return files;
    }
}
