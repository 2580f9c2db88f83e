using System.Net;
using System.Net.Sockets;

namespace PhiGate.Redaction.Detection;

/// <summary>Checksums and range rules that turn a pattern candidate into a detection.</summary>
internal static class Validators
{
    private static readonly System.Buffers.SearchValues<char> HexLetters = System.Buffers.SearchValues.Create("abcdefABCDEF");

    /// <summary>
    /// SSA rules: area not 000, 666 or 900-999; group not 00; serial not 0000. (The 900 range was
    /// never issued: values there are test data or ITINs, not SSNs.)
    /// </summary>
    public static bool IsValidSsn(int area, int group, int serial) =>
        area is > 0 and < 900 and not 666 && group > 0 && serial > 0;

    /// <summary>Luhn mod-10 over the digits of <paramref name="text"/> (other chars ignored).</summary>
    public static bool PassesLuhn(ReadOnlySpan<char> text)
    {
        var sum = 0;
        var doubleIt = false;
        var digits = 0;
        for (var i = text.Length - 1; i >= 0; i--)
        {
            var c = text[i];
            if (!char.IsAsciiDigit(c))
            {
                continue;
            }

            var d = c - '0';
            if (doubleIt)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
            doubleIt = !doubleIt;
            digits++;
        }

        return digits > 1 && sum % 10 == 0;
    }

    /// <summary>NPI: Luhn over the 10 digits prefixed with the 80840 issuer code.</summary>
    public static bool IsValidNpi(ReadOnlySpan<char> text)
    {
        if (text.Length != 10 || !IsAllDigits(text))
        {
            return false;
        }

        Span<char> prefixed = stackalloc char[15];
        "80840".CopyTo(prefixed);
        text.CopyTo(prefixed[5..]);
        return PassesLuhn(prefixed);
    }

    /// <summary>ISO 3779 / North American VIN check digit (position 9).</summary>
    public static bool IsValidVin(ReadOnlySpan<char> vin)
    {
        if (vin.Length != 17)
        {
            return false;
        }

        ReadOnlySpan<int> weights = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];
        var sum = 0;
        var letters = 0;
        var digits = 0;
        for (var i = 0; i < 17; i++)
        {
            var value = Transliterate(vin[i]);
            if (value < 0)
            {
                return false;
            }

            if (char.IsAsciiDigit(vin[i]))
            {
                digits++;
            }
            else
            {
                letters++;
            }

            sum += value * weights[i];
        }

        var check = sum % 11;
        var expected = check == 10 ? 'X' : (char)('0' + check);
        return vin[8] == expected && letters > 0 && digits > 0;
    }

    public static bool IsValidIPv4(ReadOnlySpan<char> text)
    {
        var parts = 0;
        var value = -1;
        var digits = 0;
        foreach (var c in text)
        {
            if (c == '.')
            {
                if (value < 0 || value > 255)
                {
                    return false;
                }

                parts++;
                value = -1;
                digits = 0;
                continue;
            }

            if (!char.IsAsciiDigit(c) || ++digits > 3)
            {
                return false;
            }

            value = (Math.Max(value, 0) * 10) + (c - '0');
        }

        // Version-like strings such as 1.2.3.4 are common in text; require a plausible address.
        return parts == 3 && value is >= 0 and <= 255 && !text.StartsWith("0.");
    }

    public static bool IsValidIPv6(ReadOnlySpan<char> text) =>
        text.Length >= 3
        && (text.IndexOfAny(HexLetters) >= 0 || text.Contains("::", StringComparison.Ordinal))
        && IPAddress.TryParse(text, out var address)
        && address.AddressFamily == AddressFamily.InterNetworkV6;

    public static bool IsAllDigits(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return text.Length > 0;
    }

    public static bool HasDigit(ReadOnlySpan<char> text) => text.IndexOfAnyInRange('0', '9') >= 0;

    private static int Transliterate(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        'A' or 'J' => 1,
        'B' or 'K' or 'S' => 2,
        'C' or 'L' or 'T' => 3,
        'D' or 'M' or 'U' => 4,
        'E' or 'N' or 'V' => 5,
        'F' or 'W' => 6,
        'G' or 'P' or 'X' => 7,
        'H' or 'Y' => 8,
        'R' or 'Z' => 9,
        _ => -1,
    };
}
