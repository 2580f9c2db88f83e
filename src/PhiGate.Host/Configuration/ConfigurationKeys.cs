using System.Globalization;
using System.Text.RegularExpressions;

namespace PhiGate.Host.Configuration;

/// <summary>
/// How PhiGate's public configuration keys (snake_case YAML, <c>PHIGATE_</c> variables) map onto
/// options properties (PascalCase), and how durations such as <c>30s</c> are read.
/// </summary>
internal static partial class ConfigurationKeys
{
    /// <summary>Top-level sections PhiGate knows; anything else in a file is a mistake worth reporting.</summary>
    public static readonly IReadOnlySet<string> Sections = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "server", "authz", "extproc", "audit",
    };

    /// <summary>Binds <c>policy_dirs</c> to <c>PolicyDirs</c>: the binder ignores case but not underscores.</summary>
    public static string Normalize(string key) => key.Replace("_", string.Empty, StringComparison.Ordinal);

    /// <summary>Parses <c>500ms</c>, <c>30s</c>, <c>5m</c>, <c>1h</c>, <c>7d</c> (decimals allowed).</summary>
    public static bool TryParseDuration(string value, out TimeSpan duration)
    {
        var match = DurationPattern().Match(value);
        if (!match.Success)
        {
            duration = default;
            return false;
        }

        var amount = double.Parse(match.Groups["n"].Value, CultureInfo.InvariantCulture);
        duration = match.Groups["u"].Value switch
        {
            "ms" => TimeSpan.FromMilliseconds(amount),
            "s" => TimeSpan.FromSeconds(amount),
            "m" => TimeSpan.FromMinutes(amount),
            "h" => TimeSpan.FromHours(amount),
            _ => TimeSpan.FromDays(amount),
        };
        return true;
    }

    [GeneratedRegex(@"^(?<n>\d+(\.\d+)?)(?<u>ms|s|m|h|d)$", RegexOptions.CultureInvariant)]
    private static partial Regex DurationPattern();
}
