using System.Globalization;

namespace PhiGate.Audit;

/// <summary>Parses sizes such as <c>64MiB</c>, <c>500KB</c>, <c>1GiB</c> or a plain byte count.</summary>
internal static class ByteSize
{
    private static readonly (string Suffix, long Factor)[] Units =
    [
        ("KiB", 1L << 10), ("MiB", 1L << 20), ("GiB", 1L << 30),
        ("KB", 1000L), ("MB", 1000L * 1000), ("GB", 1000L * 1000 * 1000),
        ("B", 1L),
    ];

    public static bool TryParse(string? text, out long bytes)
    {
        bytes = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var span = text.AsSpan().Trim();
        var factor = 1L;
        foreach (var (suffix, unitFactor) in Units)
        {
            if (span.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                span = span[..^suffix.Length].TrimEnd();
                factor = unitFactor;
                break;
            }
        }

        if (!long.TryParse(span, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count > long.MaxValue / factor)
        {
            return false;
        }

        bytes = count * factor;
        return true;
    }
}
