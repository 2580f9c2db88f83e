using System.Collections;

namespace PhiGate.Host.Configuration;

/// <summary>
/// <c>PHIGATE_AUTHZ__DRY_RUN=true</c> overrides <c>authz.dry_run</c>: double underscores separate
/// sections, single ones belong to the snake_case key.
/// </summary>
internal static class EnvironmentOverrides
{
    public const string Prefix = "PHIGATE_";

    public static Dictionary<string, string?> Read(IDictionary environment)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (DictionaryEntry entry in environment)
        {
            var name = (string)entry.Key;
            if (!name.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var path = name[Prefix.Length..].Split("__");
            var key = string.Join(':', path.Select(ConfigurationKeys.Normalize));
            values[key] = entry.Value as string;
        }

        return values;
    }
}
