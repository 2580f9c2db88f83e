using System.Buffers;
using System.Buffers.Text;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;

namespace PhiGate.Audit;

/// <summary>One HMAC-SHA256 key with the id that is written into every digest made with it.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "Keys live as long as the process; per-thread contexts are released with their threads.")]
internal sealed class HmacKey
{
    public const int MinimumLength = 32;
    private const int StackLimit = 512;

    private readonly byte[] _key;

    // Keying an HMAC context costs more than hashing a short value; each request thread keeps its own.
    private readonly ThreadLocal<IncrementalHash> _perThread;

    public HmacKey(string id, byte[] key)
    {
        Id = id;
        _key = key;
        _perThread = new ThreadLocal<IncrementalHash>(() => IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _key));
    }

    public string Id { get; }

    /// <summary>
    /// <c>hmac-sha256:&lt;id&gt;:&lt;base64url(HMAC-SHA256(key, UTF-8(value)))&gt;</c>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public AuditDigest Digest(ReadOnlySpan<char> value)
    {
        var byteCount = Encoding.UTF8.GetMaxByteCount(value.Length);
        byte[]? rented = null;
        var buffer = byteCount <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(byteCount));
        try
        {
            var written = Encoding.UTF8.GetBytes(value, buffer);
            Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
            var hmac = _perThread.Value!;
            hmac.AppendData(buffer[..written]);
            hmac.GetHashAndReset(mac);
            return new AuditDigest(Format(Id, mac));
        }
        finally
        {
            if (rented is not null)
            {
                CryptographicOperations.ZeroMemory(rented.AsSpan(0, byteCount));
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static string Format(string id, ReadOnlySpan<byte> mac)
    {
        Span<char> encoded = stackalloc char[Base64Url.GetEncodedLength(HMACSHA256.HashSizeInBytes)];
        Base64Url.EncodeToChars(mac, encoded);
        return string.Concat(AuditDigest.Prefix, id, ":", encoded);
    }
}
