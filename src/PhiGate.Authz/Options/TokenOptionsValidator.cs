using PhiGate.Authz.Replay;
using PhiGate.Authz.Tokens.Keys;

namespace PhiGate.Authz.Options;

/// <summary>Checks <c>authz.tokens</c>; every problem is one line naming its YAML key.</summary>
internal static class TokenOptionsValidator
{
    private static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);

    public static List<string> Validate(TokenOptions options, string prefix = "authz.tokens")
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        CheckDuration(errors, $"{prefix}.max_lifetime", options.MaxLifetime, TimeSpan.FromSeconds(1), TimeSpan.FromDays(1));
        CheckDuration(errors, $"{prefix}.clock_skew", options.ClockSkew, TimeSpan.Zero, MaxClockSkew);
        CheckDuration(errors, $"{prefix}.key_refresh_interval", options.KeyRefreshInterval, TimeSpan.FromSeconds(1), TimeSpan.FromDays(1));
        CheckDuration(errors, $"{prefix}.key_min_refresh_interval", options.KeyMinRefreshInterval, TimeSpan.Zero, TimeSpan.FromHours(1));
        CheckDuration(errors, $"{prefix}.key_max_age", options.KeyMaxAge, TimeSpan.FromMinutes(1), TimeSpan.FromDays(30));
        CheckDuration(errors, $"{prefix}.key_fetch_timeout", options.KeyFetchTimeout, TimeSpan.FromMilliseconds(50), TimeSpan.FromMinutes(1));
        if (string.IsNullOrWhiteSpace(options.Header) || options.Header.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
        {
            errors.Add($"{prefix}.header: must be a header name");
        }

        if (!ReplayModes.TryParse(options.Replay, out _))
        {
            errors.Add($"{prefix}.replay: must be bind, once or off");
        }

        if (options.ReplayStore != "memory" && !StackExchangeRedisUrl(options.ReplayStore))
        {
            errors.Add($"{prefix}.replay_store: must be memory or redis://host:port");
        }

        if (options.ReplayStoreUnavailable is not ("deny" or "allow"))
        {
            errors.Add($"{prefix}.replay_store_unavailable: must be deny or allow");
        }

        if (options.ReplayMemoryCapacity < 1)
        {
            errors.Add($"{prefix}.replay_memory_capacity: must be at least 1");
        }

        if (options.MaxTokenBytes is < 256 or > 65_536)
        {
            errors.Add($"{prefix}.max_token_bytes: must be between 256 and 65536");
        }

        if (options.ValidatedCacheSize < 0)
        {
            errors.Add($"{prefix}.validated_cache_size: must not be negative");
        }

        if (options.ValidatedCacheAdmission is not ("first_use" or "second_use"))
        {
            errors.Add($"{prefix}.validated_cache_admission: must be first_use or second_use");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Issuers.Count; i++)
        {
            ValidateIssuer(errors, $"{prefix}.issuers[{i}]", options.Issuers[i], seen);
        }

        return errors;
    }

    private static void ValidateIssuer(List<string> errors, string key, IssuerOptions issuer, HashSet<string> seen)
    {
        if (string.IsNullOrWhiteSpace(issuer.Issuer))
        {
            errors.Add($"{key}.issuer: required");
        }
        else if (!seen.Add(issuer.Issuer))
        {
            errors.Add($"{key}.issuer: listed twice");
        }

        if (issuer.Audiences.Count == 0 || issuer.Audiences.Any(string.IsNullOrWhiteSpace))
        {
            errors.Add($"{key}.audiences: at least one non-empty audience is required");
        }

        var sources = new[] { issuer.JwksUri, issuer.Discovery, issuer.JwksFile }.Count(s => !string.IsNullOrWhiteSpace(s));
        if (sources != 1)
        {
            errors.Add($"{key}: exactly one of jwks_uri, discovery, jwks_file is required");
        }

        if (!string.IsNullOrWhiteSpace(issuer.JwksUri) && !KeyUrlPolicy.IsAllowed(issuer.JwksUri, out _))
        {
            errors.Add($"{key}.jwks_uri: must be an https URL (http only for loopback hosts)");
        }

        if (!string.IsNullOrWhiteSpace(issuer.Discovery) && !KeyUrlPolicy.IsAllowed(issuer.Discovery, out _))
        {
            errors.Add($"{key}.discovery: must be an https URL (http only for loopback hosts)");
        }

        if (!string.IsNullOrWhiteSpace(issuer.JwksFile) && !File.Exists(issuer.JwksFile))
        {
            errors.Add($"{key}.jwks_file: file not found");
        }

        foreach (var algorithm in issuer.Algorithms)
        {
            if (!KeyAlgorithmRules.Supported.Contains(algorithm))
            {
                var why = algorithm.StartsWith("HS", StringComparison.OrdinalIgnoreCase) || string.Equals(algorithm, "none", StringComparison.OrdinalIgnoreCase)
                    ? "symmetric and unsigned tokens are never accepted"
                    : "supported: " + string.Join(", ", KeyAlgorithmRules.Supported.Order(StringComparer.Ordinal));
                errors.Add($"{key}.algorithms: {algorithm} is not allowed ({why})");
            }
        }

        if (issuer.Replay is not null && !ReplayModes.TryParse(issuer.Replay, out _))
        {
            errors.Add($"{key}.replay: must be bind, once or off");
        }

        if (issuer.RequiredClaims.Any(string.IsNullOrWhiteSpace))
        {
            errors.Add($"{key}.required_claims: names must not be empty");
        }
    }

    private static void CheckDuration(List<string> errors, string key, string text, TimeSpan min, TimeSpan max)
    {
        if (!DurationText.TryParse(text, out var value))
        {
            errors.Add($"{key}: not a duration (use e.g. 500ms, 30s, 5m, 1h)");
        }
        else if (value < min || value > max)
        {
            errors.Add($"{key}: must be between {Format(min)} and {Format(max)}");
        }
    }

    private static string Format(TimeSpan value) => value.TotalSeconds < 1 ? $"{value.TotalMilliseconds}ms" : $"{value.TotalSeconds}s";

    private static bool StackExchangeRedisUrl(string url) =>
        Replay.RedisReplayStore.TryCreateOptions(url, TimeSpan.FromSeconds(1), out _);
}
