namespace PhiGate.Authz.Decisions;

/// <summary>Rule paths as opa-envoy-plugin's <c>path</c> setting: <c>envoy/authz/allow</c> (slashes) or <c>data.envoy.authz.allow</c>.</summary>
internal static class DecisionPath
{
    public static bool IsValid(string? path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return false;
        }

        var segments = path.Trim('/').Split('/', '.');
        return segments.All(s => s.Length > 0 && (char.IsAsciiLetter(s[0]) || s[0] == '_') && s.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'));
    }
}
