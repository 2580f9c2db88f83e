using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PhiGate.Authz.Replay;

/// <summary>
/// 128 bits of a SHA-256 digest: long enough that neither an accidental collision nor a searched-for one between
/// two callers' identities is a practical way past the replay check.
/// </summary>
internal readonly record struct Fingerprint(ulong High, ulong Low)
{
    /// <summary>A store key: replay keys are already hex SHA-256 digests, so their first 32 digits are used as they are.</summary>
    public static Fingerprint OfKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length == SHA256.HashSizeInBytes * 2
            && ulong.TryParse(key.AsSpan(0, 16), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var high)
            && ulong.TryParse(key.AsSpan(16, 16), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var low))
        {
            return new Fingerprint(high, low);
        }

        return Of(key);
    }

    /// <summary>The first 128 bits of the SHA-256 of the text's UTF-8 bytes.</summary>
    public static Fingerprint Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        var byteCount = Encoding.UTF8.GetByteCount(text);
        var buffer = byteCount <= 1_024 ? stackalloc byte[byteCount] : new byte[byteCount];
        Encoding.UTF8.GetBytes(text, buffer);
        SHA256.HashData(buffer, digest);
        return new Fingerprint(BinaryPrimitives.ReadUInt64BigEndian(digest), BinaryPrimitives.ReadUInt64BigEndian(digest[8..]));
    }
}
