using System.Buffers.Text;

namespace PhiGate.Authz.Tokens;

/// <summary>Base64url decoding for token segments that never throws into the Check path.</summary>
internal static class Base64UrlText
{
    /// <summary>
    /// False for anything that is not canonical base64url. <see cref="Base64Url.TryDecodeFromChars(ReadOnlySpan{char}, Span{byte}, out int)"/>
    /// throws <see cref="FormatException"/> rather than returning false for some inputs (non-zero bits after the last
    /// byte, for one), so a hostile signature or payload would otherwise surface as an internal error.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<char> text, Span<byte> destination, out int written)
    {
        try
        {
            return Base64Url.TryDecodeFromChars(text, destination, out written);
        }
        catch (FormatException)
        {
            written = 0;
            return false;
        }
    }
}
