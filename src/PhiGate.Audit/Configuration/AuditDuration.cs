using System.Globalization;

namespace PhiGate.Audit;

/// <summary>Parses durations such as <c>500ms</c>, <c>30s</c>, <c>5m</c>, <c>1h</c>, <c>1d</c>.</summary>
internal static class AuditDuration
{
    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var span = text.AsSpan().Trim();
        var (unitLength, unit) = span switch
        {
            _ when span.EndsWith("ms", StringComparison.Ordinal) => (2, TimeSpan.FromMilliseconds(1)),
            _ when span.EndsWith('s') => (1, TimeSpan.FromSeconds(1)),
            _ when span.EndsWith('m') => (1, TimeSpan.FromMinutes(1)),
            _ when span.EndsWith('h') => (1, TimeSpan.FromHours(1)),
            _ when span.EndsWith('d') => (1, TimeSpan.FromDays(1)),
            _ => (0, TimeSpan.Zero),
        };
        if (unitLength == 0
            || !long.TryParse(span[..^unitLength], NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            || count > TimeSpan.MaxValue.Ticks / unit.Ticks)
        {
            return false;
        }

        value = TimeSpan.FromTicks(count * unit.Ticks);
        return true;
    }
}
