using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace PhiGate.Audit.Tests;

/// <summary>What an attacker with write access to the files can do.</summary>
internal static class Tamper
{
    public static void EditLine(string file, int lineIndex, Func<string, string> edit)
    {
        var lines = ReadLines(file);
        lines[lineIndex] = edit(lines[lineIndex]);
        WriteLines(file, lines);
    }

    public static void DeleteLine(string file, int lineIndex)
    {
        var lines = ReadLines(file);
        lines.RemoveAt(lineIndex);
        WriteLines(file, lines);
    }

    public static void SwapLines(string file, int a, int b)
    {
        var lines = ReadLines(file);
        (lines[a], lines[b]) = (lines[b], lines[a]);
        WriteLines(file, lines);
    }

    public static void InsertLine(string file, int lineIndex, string line)
    {
        var lines = ReadLines(file);
        lines.Insert(lineIndex, line);
        WriteLines(file, lines);
    }

    public static void TruncateBytes(string file, long length)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Write);
        stream.SetLength(length);
    }

    /// <summary>Recomputes a record's own hash after an edit, as a careful attacker would.</summary>
    public static string Rehash(string line, string? prev = null)
    {
        var body = line[..^RecordLayout.HashSuffixLength];
        if (prev is not null)
        {
            body = body[..^(RecordLayout.HashChars + 1)] + prev + "\"";
        }

        var hash = Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(body)));
        return $"{body},\"hash\":\"{hash}\"}}";
    }

    public static string HashOf(string line) => line[^(RecordLayout.HashChars + 2)..^2];

    /// <summary>Rewrites every line from <paramref name="lineIndex"/> on so each links to the one before.</summary>
    public static void Relink(string file, int lineIndex)
    {
        var lines = ReadLines(file);
        for (var i = lineIndex; i < lines.Count; i++)
        {
            lines[i] = i == lineIndex ? Rehash(lines[i]) : Rehash(lines[i], HashOf(lines[i - 1]));
        }

        WriteLines(file, lines);
    }

    public static List<string> ReadLines(string file) => File.ReadAllText(file).TrimEnd('\n').Split('\n').ToList();

    private static void WriteLines(string file, List<string> lines) => File.WriteAllText(file, string.Join('\n', lines) + "\n");
}
