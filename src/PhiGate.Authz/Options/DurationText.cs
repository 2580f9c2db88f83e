using System.Globalization;

namespace PhiGate.Authz.Options;

/// <summary>
/// Parses the duration strings of the YAML configuration (<c>500ms</c>, <c>30s</c>, <c>5m</c>, <c>1h</c>,
/// <c>1d</c>). Kept local so the feature does not depend on the host's parser.
/// </summary>
internal static class DurationText
{
    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var trimmed = text.Trim();

        // The host's configuration loader has already turned "30s" into TimeSpan's invariant "c" form.
        if (trimmed.Contains(':', StringComparison.Ordinal))
        {
            return TimeSpan.TryParseExact(trimmed, "c", CultureInfo.InvariantCulture, out value) && value >= TimeSpan.Zero;
        }

        var unitStart = 0;
        while (unitStart < trimmed.Length && (char.IsAsciiDigit(trimmed[unitStart]) || trimmed[unitStart] == '.'))
        {
            unitStart++;
        }

        if (unitStart == 0 || !double.TryParse(trimmed.AsSpan(0, unitStart), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            return false;
        }

        double? milliseconds = trimmed[unitStart..] switch
        {
            "ms" => number,
            "s" => number * 1_000,
            "m" => number * 60_000,
            "h" => number * 3_600_000,
            "d" => number * 86_400_000,
            _ => null,
        };
        if (milliseconds is null || milliseconds > TimeSpan.MaxValue.TotalMilliseconds)
        {
            return false;
        }

        value = TimeSpan.FromMilliseconds(milliseconds.Value);
        return true;
    }

    /// <summary>Parses a duration already checked by options validation.</summary>
    public static TimeSpan ParseValidated(string text) =>
        TryParse(text, out var value) ? value : throw new InvalidOperationException("Duration was not validated at start-up.");
}
