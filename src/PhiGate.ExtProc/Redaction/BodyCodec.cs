using System.IO.Compression;

namespace PhiGate.ExtProc.Redaction;

/// <summary>The content encodings ext_proc can decode and re-encode around redaction.</summary>
internal enum BodyEncoding
{
    Identity,
    Gzip,
    Deflate,
    Unsupported,
}

/// <summary>gzip and deflate (zlib, or raw deflate as some servers send) with a bound on the decoded size.</summary>
internal static class BodyCodec
{
    public static BodyEncoding Parse(string? contentEncoding)
    {
        var value = contentEncoding?.Trim();
        if (string.IsNullOrEmpty(value) || value.Equals("identity", StringComparison.OrdinalIgnoreCase))
        {
            return BodyEncoding.Identity;
        }

        return value.ToLowerInvariant() switch
        {
            "gzip" or "x-gzip" => BodyEncoding.Gzip,
            "deflate" => BodyEncoding.Deflate,
            _ => BodyEncoding.Unsupported,
        };
    }

    /// <summary>The decoded bytes, or null when the data is corrupt or decodes to more than <paramref name="maxBytes"/>.</summary>
    public static ReadOnlyMemory<byte>? Decode(ReadOnlyMemory<byte> data, BodyEncoding encoding, long maxBytes)
    {
        if (encoding == BodyEncoding.Identity)
        {
            return data.Length <= maxBytes ? data : null;
        }

        var decoded = DecodeWith(data, encoding == BodyEncoding.Gzip ? static s => new GZipStream(s, CompressionMode.Decompress) : static s => new ZLibStream(s, CompressionMode.Decompress), maxBytes);
        if (decoded is null && encoding == BodyEncoding.Deflate)
        {
            decoded = DecodeWith(data, static s => new DeflateStream(s, CompressionMode.Decompress), maxBytes);
        }

        return decoded is null ? null : decoded;
    }

    public static byte[] Encode(ReadOnlySpan<byte> data, BodyEncoding encoding)
    {
        if (encoding == BodyEncoding.Identity)
        {
            return data.ToArray();
        }

        using var output = new MemoryStream();
        using (Stream compressor = encoding == BodyEncoding.Gzip
            ? new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true)
            : new ZLibStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            compressor.Write(data);
        }

        return output.ToArray();
    }

    private static byte[]? DecodeWith(ReadOnlyMemory<byte> data, Func<Stream, Stream> open, long maxBytes)
    {
        try
        {
            using var input = new MemoryStream(data.ToArray(), writable: false);
            using var decompressor = open(input);
            using var output = new MemoryStream();
            var buffer = new byte[16 * 1024];
            int read;
            while ((read = decompressor.Read(buffer)) > 0)
            {
                if (output.Length + read > maxBytes)
                {
                    return null;
                }

                output.Write(buffer, 0, read);
            }

            return output.ToArray();
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }
}
