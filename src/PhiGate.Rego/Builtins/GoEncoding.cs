using System.Globalization;
using System.Text;

namespace PhiGate.Rego.Builtins;

/// <summary>
/// Byte-level codecs with Go's exact acceptance rules and error texts (OPA's strings are bytes, and its
/// error messages come from Go's <c>encoding/base64</c>, <c>encoding/hex</c> and <c>net/url</c>).
/// </summary>
internal static class GoEncoding
{
    private const string StdAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    private const string UrlAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    /// <summary>Decodes bytes as Go does when it ranges over a string: each invalid byte becomes U+FFFD.</summary>
    public static string DecodeUtf8(ReadOnlySpan<byte> bytes)
    {
        var sb = new StringBuilder(bytes.Length);
        var i = 0;
        while (i < bytes.Length)
        {
            if (System.Text.Rune.DecodeFromUtf8(bytes[i..], out var rune, out var consumed) == System.Buffers.OperationStatus.Done)
            {
                sb.Append(rune.ToString());
                i += consumed;
            }
            else
            {
                sb.Append('\uFFFD');
                i++;
            }
        }

        return sb.ToString();
    }

    public static string Base64Encode(ReadOnlySpan<byte> data, bool url, bool pad)
    {
        var text = Convert.ToBase64String(data);
        if (url)
        {
            text = text.Replace('+', '-').Replace('/', '_');
        }

        return pad ? text : text.TrimEnd('=');
    }

    /// <summary>Go's padded base64 decoding (newlines ignored); error text as Go's <c>CorruptInputError</c>.</summary>
    public static bool TryBase64Decode(string text, bool url, bool padded, out byte[] result, out string error)
    {
        var alphabet = url ? UrlAlphabet : StdAlphabet;
        var output = new List<byte>(text.Length * 3 / 4);
        var si = 0;
        result = [];
        Span<int> quantum = stackalloc int[4];
        while (true)
        {
            quantum.Clear();
            var j = 0;
            var end = false;
            for (; j < 4; j++)
            {
                if (si == text.Length)
                {
                    if (j == 0)
                    {
                        result = [.. output];
                        error = string.Empty;
                        return true;
                    }

                    if (j == 1 || padded)
                    {
                        return Corrupt(si - j, out error);
                    }

                    end = true;
                    break;
                }

                var c = text[si++];
                var v = c < 128 ? alphabet.IndexOf(c, StringComparison.Ordinal) : -1;
                if (v >= 0)
                {
                    quantum[j] = v;
                    continue;
                }

                if (c is '\n' or '\r')
                {
                    j--;
                    continue;
                }

                if (c != '=' || !padded)
                {
                    return Corrupt(si - 1, out error);
                }

                // Padding: "==" after two symbols or "=" after three, then only newlines.
                switch (j)
                {
                    case 0 or 1:
                        return Corrupt(si - 1, out error);
                    case 2:
                        while (si < text.Length && text[si] is '\n' or '\r')
                        {
                            si++;
                        }

                        if (si == text.Length)
                        {
                            return Corrupt(text.Length, out error);
                        }

                        if (text[si] != '=')
                        {
                            return Corrupt(si - 1, out error);
                        }

                        si++;
                        break;
                }

                while (si < text.Length && text[si] is '\n' or '\r')
                {
                    si++;
                }

                if (si < text.Length)
                {
                    return Corrupt(si, out error);
                }

                end = true;
                break;
            }

            var value = (quantum[0] << 18) | (quantum[1] << 12) | (j > 2 ? quantum[2] << 6 : 0) | (j > 3 ? quantum[3] : 0);
            if (j >= 2)
            {
                output.Add((byte)(value >> 16));
            }

            if (j >= 3)
            {
                output.Add((byte)(value >> 8));
            }

            if (j >= 4)
            {
                output.Add((byte)value);
            }

            if (end)
            {
                result = [.. output];
                error = string.Empty;
                return true;
            }
        }
    }

    /// <summary>OPA's <c>base64url.decode</c>: missing padding is restored first (RFC 7515 appendix C).</summary>
    public static bool TryBase64UrlDecode(string text, out byte[] result, out string error)
    {
        if (!text.EndsWith('='))
        {
            switch (text.Length % 4)
            {
                case 0:
                    break;
                case 2:
                    text += "==";
                    break;
                case 3:
                    text += "=";
                    break;
                default:
                    result = [];
                    error = "illegal base64url string: " + text;
                    return false;
            }
        }

        return TryBase64Decode(text, url: true, padded: true, out result, out error);
    }

    private static bool Corrupt(int offset, out string error)
    {
        error = "illegal base64 data at input byte " + offset.ToString(CultureInfo.InvariantCulture);
        return false;
    }

    public static string HexEncode(ReadOnlySpan<byte> data) => Convert.ToHexStringLower(data);

    /// <summary>Go's <c>hex.DecodeString</c>.</summary>
    public static bool TryHexDecode(string text, out byte[] result, out string error)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var output = new byte[bytes.Length / 2];
        result = [];
        for (var i = 0; i + 1 < bytes.Length; i += 2)
        {
            var hi = HexValue(bytes[i]);
            if (hi < 0)
            {
                return InvalidByte(text, i, out error);
            }

            var lo = HexValue(bytes[i + 1]);
            if (lo < 0)
            {
                return InvalidByte(text, i + 1, out error);
            }

            output[i / 2] = (byte)((hi << 4) | lo);
        }

        if (bytes.Length % 2 == 1)
        {
            if (HexValue(bytes[^1]) < 0)
            {
                return InvalidByte(text, bytes.Length - 1, out error);
            }

            error = "encoding/hex: odd length hex string";
            return false;
        }

        result = output;
        error = string.Empty;
        return true;
    }

    private static int HexValue(byte c) => c switch
    {
        >= (byte)'0' and <= (byte)'9' => c - '0',
        >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
        _ => -1,
    };

    private static bool InvalidByte(string text, int byteIndex, out string error)
    {
        var b = Encoding.UTF8.GetBytes(text)[byteIndex];
        var display = b is >= 0x20 and < 0x7F ? $" '{(char)b}'" : string.Empty;
        error = $"encoding/hex: invalid byte: U+{b:X4}{display}";
        return false;
    }

    /// <summary>Go's <c>url.QueryEscape</c>.</summary>
    public static string QueryEscape(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~')
            {
                sb.Append(c);
            }
            else if (c == ' ')
            {
                sb.Append('+');
            }
            else
            {
                sb.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return sb.ToString();
    }

    /// <summary>Go's <c>url.QueryUnescape</c>.</summary>
    public static bool TryQueryUnescape(string text, out string result, out string error)
    {
        var bytes = new List<byte>(text.Length);
        var raw = Encoding.UTF8.GetBytes(text);
        for (var i = 0; i < raw.Length; i++)
        {
            var b = raw[i];
            if (b == '+')
            {
                bytes.Add((byte)' ');
            }
            else if (b == '%')
            {
                if (i + 2 >= raw.Length || HexValue(raw[i + 1]) < 0 || HexValue(raw[i + 2]) < 0)
                {
                    var bad = Encoding.UTF8.GetString(raw, i, Math.Min(3, raw.Length - i));
                    result = string.Empty;
                    error = $"invalid URL escape \"{bad}\"";
                    return false;
                }

                bytes.Add((byte)((HexValue(raw[i + 1]) << 4) | HexValue(raw[i + 2])));
                i += 2;
            }
            else
            {
                bytes.Add(b);
            }
        }

        result = DecodeUtf8([.. bytes]);
        error = string.Empty;
        return true;
    }
}
