using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;

namespace PhiGate.Host.Configuration;

/// <summary>A parsed listener address: a TCP endpoint or a Unix domain socket path.</summary>
public sealed record ListenAddress(IPEndPoint? Tcp, string? UnixSocketPath)
{
    private const string UnixPrefix = "unix:";

    public override string ToString() => UnixSocketPath is not null ? UnixPrefix + UnixSocketPath : Tcp!.ToString();

    /// <summary>Parses an address that was validated already.</summary>
    public static ListenAddress Parse(string text) =>
        TryParse(text, out var address, out var error) ? address : throw new FormatException(error);

    /// <summary>
    /// Accepts <c>127.0.0.1:9191</c>, <c>[::1]:9191</c>, <c>localhost:9191</c> and <c>unix:/path.sock</c>.
    /// Any address is accepted as typed: binding to all interfaces is a deliberate, visible choice.
    /// </summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out ListenAddress? address, [NotNullWhen(false)] out string? error)
    {
        address = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "an address is required (host:port or unix:/path)";
            return false;
        }

        if (text.StartsWith(UnixPrefix, StringComparison.Ordinal))
        {
            var path = text[UnixPrefix.Length..];
            if (path.Length == 0 || !Path.IsPathRooted(path))
            {
                error = "a Unix socket needs an absolute path (unix:/path/phigate.sock)";
                return false;
            }

            address = new ListenAddress(null, path);
            error = null;
            return true;
        }

        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            error = "expected host:port with a port from 0 to 65535, or unix:/path";
            return false;
        }

        var host = text[..colon].Trim('[', ']');
        IPAddress? ip = host.Equals("localhost", StringComparison.OrdinalIgnoreCase) ? IPAddress.Loopback : null;
        if (ip is null && !IPAddress.TryParse(host, out ip))
        {
            error = "the host must be an IP address or localhost";
            return false;
        }

        address = new ListenAddress(new IPEndPoint(ip, port), null);
        error = null;
        return true;
    }
}
