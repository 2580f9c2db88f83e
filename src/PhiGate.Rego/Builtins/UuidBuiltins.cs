using System.Globalization;
using System.Security.Cryptography;
using PhiGate.Rego.Values;

namespace PhiGate.Rego.Builtins;

/// <summary><c>uuid.rfc4122</c> (random version 4, one value per key per query) and <c>uuid.parse</c>.</summary>
internal static class UuidBuiltins
{
    /// <summary>100-nanosecond intervals between the Gregorian reform (1582-10-15) and the Unix epoch.</summary>
    private const long GregorianToUnix = 122_192_928_000_000_000;

    public static void Register(BuiltinRegistry r)
    {
        r.Add("uuid.rfc4122", ["string"], "string", Rfc4122, nondeterministic: true);
        r.Add("uuid.parse", ["string"], "object[string: any]", static (_, a) => TryParse(Args.String(a, 0), out var bytes) ? Describe(bytes) : null);
    }

    private static Value Rfc4122(BuiltinContext ctx, ReadOnlySpan<Value> a)
    {
        var key = ("uuid.rfc4122", Args.String(a, 0));
        if (ctx.Cache.TryGetValue(key, out var cached))
        {
            return (Value)cached;
        }

        var bytes = new byte[16];
        RandomNumberGenerator.Fill(bytes);
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        var hex = Convert.ToHexStringLower(bytes);
        var value = Value.From($"{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..]}");
        ctx.Cache[key] = value;
        return value;
    }

    /// <summary>Accepts the 36-character form, <c>urn:uuid:</c> (any case), a 38-character wrapped form and 32 hex digits.</summary>
    internal static bool TryParse(string s, out byte[] bytes)
    {
        bytes = [];
        switch (s.Length)
        {
            case 36:
                break;
            case 45:
                if (!s.StartsWith("urn:uuid:", StringComparison.OrdinalIgnoreCase))
                {
                    return false;
                }

                s = s[9..];
                break;
            case 38:
                s = s[1..37];
                break;
            case 32:
                return TryHex(s, out bytes);
            default:
                return false;
        }

        if (s[8] != '-' || s[13] != '-' || s[18] != '-' || s[23] != '-')
        {
            return false;
        }

        return TryHex(s.Replace("-", string.Empty, StringComparison.Ordinal), out bytes) && bytes.Length == 16;
    }

    private static bool TryHex(string hex, out byte[] bytes)
    {
        bytes = [];
        if (hex.Length != 32 || !hex.All(char.IsAsciiHexDigit))
        {
            return false;
        }

        bytes = Convert.FromHexString(hex);
        return true;
    }

    private static Value Describe(byte[] u)
    {
        var version = u[6] >> 4;
        var b = new ObjectBuilder();
        b.Add("version", Value.From(version));
        b.Add("variant", Value.From((u[8] & 0xC0) == 0x80 ? "RFC4122" : (u[8] & 0xE0) == 0xC0 ? "Microsoft" : (u[8] & 0xE0) == 0xE0 ? "Future" : "Reserved"));
        if (version is 1 or 2)
        {
            long time = (uint)((u[0] << 24) | (u[1] << 16) | (u[2] << 8) | u[3]);
            time |= (long)((u[4] << 8) | u[5]) << 32;
            time |= (long)(((u[6] << 8) | u[7]) & 0x0FFF) << 48;
            b.Add("time", Value.From((time - GregorianToUnix) * 100));
            b.Add("clocksequence", Value.From(((u[8] << 8) | u[9]) & 0x3FFF));
            b.Add("nodeid", Value.From(string.Join('-', u[10..].Select(x => x.ToString("x2", CultureInfo.InvariantCulture)))));
            b.Add("macvariables", Value.From(MacVariables(u[10])));
            if (version == 2)
            {
                b.Add("id", Value.From((long)(uint)((u[0] << 24) | (u[1] << 16) | (u[2] << 8) | u[3])));
                b.Add("domain", Value.From(u[9] switch
                {
                    0 => "Person",
                    1 => "Group",
                    2 => "Org",
                    _ => "Domain" + u[9].ToString(CultureInfo.InvariantCulture),
                }));
            }
        }

        return b.Build();
    }

    private static string MacVariables(byte first) =>
        (first & 0b11) switch
        {
            0b11 => "local:multicast",
            0b01 => "global:multicast",
            0b10 => "local:unicast",
            _ => "global:unicast",
        };
}
