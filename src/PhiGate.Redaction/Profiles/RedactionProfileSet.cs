namespace PhiGate.Redaction.Profiles;

/// <summary>
/// The profiles a deployment knows, by name, always including the built-in ones.
/// Lookups of unknown or empty names give the strictest profile: an unknown name never weakens redaction.
/// </summary>
public sealed class RedactionProfileSet
{
    private readonly Dictionary<string, RedactionProfile> _profiles;

    /// <summary>Creates a set from configured profiles plus the built-in ones (configured ones win).</summary>
    public RedactionProfileSet(IEnumerable<RedactionProfile> profiles)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        _profiles = new Dictionary<string, RedactionProfile>(StringComparer.Ordinal)
        {
            [BuiltInProfiles.StrictName] = BuiltInProfiles.Strict,
            [BuiltInProfiles.SafeHarborName] = BuiltInProfiles.SafeHarbor,
        };
        foreach (var profile in profiles)
        {
            _profiles[profile.Name] = profile;
        }
    }

    /// <summary>A set holding only the built-in profiles.</summary>
    public static RedactionProfileSet BuiltIn { get; } = new([]);

    /// <summary>The profile used when none is named: always the built-in strict profile.</summary>
    public RedactionProfile Default => BuiltInProfiles.Strict;

    /// <summary>All profile names.</summary>
    public IReadOnlyCollection<string> Names => _profiles.Keys;

    /// <summary>Finds a profile by exact name.</summary>
    public bool TryGet(string? name, out RedactionProfile profile)
    {
        if (name is not null && _profiles.TryGetValue(name, out var found))
        {
            profile = found;
            return true;
        }

        profile = Default;
        return false;
    }

    /// <summary>The named profile, or <see cref="Default"/> when the name is null, empty or unknown.</summary>
    public RedactionProfile GetOrDefault(string? name) => TryGet(name, out var profile) ? profile : Default;
}
