namespace PhiGate.Authz.Tokens.Keys;

/// <summary>Timing of key refreshes, from <c>authz.tokens.key_*</c>.</summary>
internal sealed record KeyCacheSettings(TimeSpan RefreshInterval, TimeSpan MinRefreshInterval, TimeSpan MaxAge)
{
    public static KeyCacheSettings Default { get; } = new(TimeSpan.FromMinutes(10), TimeSpan.FromSeconds(30), TimeSpan.FromHours(24));
}
