using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Numerics;

namespace PhiGate.Rego.Builtins;

/// <summary>
/// IP addresses and CIDR blocks parsed with Go's strictness (no IPv4 shorthand or leading zeros, no
/// zones), held as 4 or 16 bytes, with the operations the <c>net.*</c> builtins need.
/// </summary>
internal readonly record struct IpNetwork(byte[] Address, int PrefixLength)
{
    public int Bits => Address.Length * 8;

    /// <summary>Go's <c>net.ParseIP</c>: 4 bytes for IPv4 (and IPv4-mapped IPv6), else 16.</summary>
    public static bool TryParseIp(string text, out byte[] address)
    {
        address = [];
        if (text.Contains(':', StringComparison.Ordinal))
        {
            if (text.Contains('%', StringComparison.Ordinal) || text.Contains('[', StringComparison.Ordinal)
                || !IPAddress.TryParse(text, out var ip) || ip.AddressFamily != AddressFamily.InterNetworkV6)
            {
                return false;
            }

            address = ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4().GetAddressBytes() : ip.GetAddressBytes();
            return true;
        }

        var parts = text.Split('.');
        if (parts.Length != 4)
        {
            return false;
        }

        var bytes = new byte[4];
        for (var i = 0; i < 4; i++)
        {
            var p = parts[i];
            if (p.Length is 0 or > 3 || !p.All(char.IsAsciiDigit) || (p.Length > 1 && p[0] == '0')
                || !int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var v) || v > 255)
            {
                return false;
            }

            bytes[i] = (byte)v;
        }

        address = bytes;
        return true;
    }

    /// <summary>Go's <c>net.ParseCIDR</c>; the address is masked to the network address.</summary>
    public static bool TryParseCidr(string text, out IpNetwork network)
    {
        network = default;
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return false;
        }

        var addressText = text[..slash];
        var prefixText = text[(slash + 1)..];
        if (!TryParseIp(addressText, out var address) || prefixText.Length is 0 or > 3 || !prefixText.All(char.IsAsciiDigit)
            || (prefixText.Length > 1 && prefixText[0] == '0'))
        {
            return false;
        }

        // An IPv4-mapped IPv6 address keeps its IPv6 prefix length.
        if (address.Length == 4 && addressText.Contains(':', StringComparison.Ordinal))
        {
            address = IPAddress.Parse(addressText).GetAddressBytes();
        }

        var prefix = int.Parse(prefixText, CultureInfo.InvariantCulture);
        if (prefix > address.Length * 8)
        {
            return false;
        }

        network = new IpNetwork(Mask(address, prefix), prefix);
        return true;
    }

    private static byte[] Mask(byte[] address, int prefix)
    {
        var masked = (byte[])address.Clone();
        for (var i = 0; i < masked.Length; i++)
        {
            var bitsHere = Math.Clamp(prefix - (i * 8), 0, 8);
            masked[i] &= (byte)(0xFF << (8 - bitsHere));
        }

        return masked;
    }

    public BigInteger First => new(Address, isUnsigned: true, isBigEndian: true);

    public BigInteger Last => First | ((BigInteger.One << (Bits - PrefixLength)) - 1);

    /// <summary>Go's <c>IPNet.Contains</c>: the address family must match (IPv4-mapped counts as IPv4).</summary>
    public bool Contains(byte[] ip)
    {
        if (ip.Length != Address.Length)
        {
            return false;
        }

        return Mask(ip, PrefixLength).AsSpan().SequenceEqual(Address);
    }

    public bool Contains(IpNetwork other) =>
        Contains(other.Address) && Contains(ToBytes(other.Last, other.Address.Length));

    public static byte[] ToBytes(BigInteger value, int length)
    {
        var raw = value.ToByteArray(isUnsigned: true, isBigEndian: true);
        var bytes = new byte[length];
        raw.AsSpan(Math.Max(0, raw.Length - length)).CopyTo(bytes.AsSpan(Math.Max(0, length - raw.Length)));
        return bytes;
    }

    /// <summary>Go's <c>IP.String</c>.</summary>
    public static string Format(byte[] address) =>
        address.Length == 4 ? string.Join('.', address) : new IPAddress(address).ToString();

    public override string ToString() => Format(Address) + "/" + PrefixLength.ToString(CultureInfo.InvariantCulture);
}
