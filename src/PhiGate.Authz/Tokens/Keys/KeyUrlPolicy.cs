using System.Net;

namespace PhiGate.Authz.Tokens.Keys;

/// <summary>Key and discovery URLs must use HTTPS; plain HTTP is accepted only for loopback hosts (tests, sidecar IdPs).</summary>
internal static class KeyUrlPolicy
{
    public static bool IsAllowed(string? url, out Uri? uri)
    {
        uri = null;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var parsed) || !string.IsNullOrEmpty(parsed.UserInfo))
        {
            return false;
        }

        if (parsed.Scheme == Uri.UriSchemeHttps || (parsed.Scheme == Uri.UriSchemeHttp && IsLoopback(parsed)))
        {
            uri = parsed;
            return true;
        }

        return false;
    }

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.DnsSafeHost, out var address) && IPAddress.IsLoopback(address));
}
