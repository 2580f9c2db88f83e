using System.Text;

namespace PhiGate.Load.Wire;

/// <summary>
/// The little of HPACK (RFC 7541) a gRPC client needs. Requests are encoded with static-table names and
/// literal values, never indexed. Responses are decoded without a dynamic table: the client's SETTINGS
/// set SETTINGS_HEADER_TABLE_SIZE to 0, so a conforming server cannot refer to one; Huffman-coded strings
/// are refused as unsupported (Kestrel does not use them).
/// </summary>
internal static class Hpack
{
    private const int StaticPath = 4;
    private const int StaticAuthority = 1;
    private const int StaticContentType = 31;
    private const int StaticTableSize = 61;

    // Static entries 8-14 are ":status" with these values.
    private static readonly int[] StaticStatus = [200, 204, 206, 304, 400, 404, 500];

    /// <summary>The header block of a gRPC call over cleartext HTTP/2: POST, http, path, authority, content type, te.</summary>
    public static byte[] RequestBlock(string authority, string path)
    {
        var block = new List<byte> { 0x80 | 3, 0x80 | 6 }; // :method POST, :scheme http
        WriteLiteral(block, StaticPath, path);
        WriteLiteral(block, StaticAuthority, authority);
        WriteLiteral(block, StaticContentType, "application/grpc");
        block.Add(0x00); // literal without indexing, new name
        WriteString(block, "te");
        WriteString(block, "trailers");
        return [.. block];
    }

    /// <summary>Reads <c>:status</c> and <c>grpc-status</c> from a response header block; absent ones stay null.</summary>
    public static void ReadStatuses(ReadOnlySpan<byte> block, ref int? httpStatus, ref int? grpcStatus)
    {
        var position = 0;
        while (position < block.Length)
        {
            var first = block[position];
            if ((first & 0x80) != 0)
            {
                var index = ReadInteger(block, ref position, 7);
                if (index is >= 8 and <= 14)
                {
                    httpStatus = StaticStatus[index - 8];
                }
                else if (index is 0 or > StaticTableSize)
                {
                    throw new Http2ProtocolException("the server referred to a dynamic table entry after it was set to 0");
                }
            }
            else if ((first & 0xE0) == 0x20)
            {
                _ = ReadInteger(block, ref position, 5); // dynamic table size update
            }
            else
            {
                // 01: with incremental indexing (6-bit name index); 0000/0001: without / never indexed (4-bit).
                var nameIndex = ReadInteger(block, ref position, (first & 0xC0) == 0x40 ? 6 : 4);
                var name = nameIndex == 0 ? ReadString(block, ref position) : null;
                var value = ReadString(block, ref position);
                if (nameIndex is >= 8 and <= 14)
                {
                    httpStatus = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
                }
                else if (name == "grpc-status")
                {
                    grpcStatus = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
                }
            }
        }
    }

    private static void WriteLiteral(List<byte> block, int nameIndex, string value)
    {
        WriteInteger(block, 0x00, 4, nameIndex);
        WriteString(block, value);
    }

    private static void WriteString(List<byte> block, string value)
    {
        var bytes = Encoding.ASCII.GetBytes(value);
        WriteInteger(block, 0x00, 7, bytes.Length);
        block.AddRange(bytes);
    }

    private static void WriteInteger(List<byte> block, byte pattern, int prefixBits, int value)
    {
        var max = (1 << prefixBits) - 1;
        if (value < max)
        {
            block.Add((byte)(pattern | value));
            return;
        }

        block.Add((byte)(pattern | max));
        value -= max;
        while (value >= 0x80)
        {
            block.Add((byte)((value & 0x7F) | 0x80));
            value >>= 7;
        }

        block.Add((byte)value);
    }

    private static int ReadInteger(ReadOnlySpan<byte> block, ref int position, int prefixBits)
    {
        var max = (1 << prefixBits) - 1;
        var value = block[position++] & max;
        if (value < max)
        {
            return value;
        }

        var shift = 0;
        byte next;
        do
        {
            next = block[position++];
            value += (next & 0x7F) << shift;
            shift += 7;
        }
        while ((next & 0x80) != 0 && shift < 28);

        return value;
    }

    private static string ReadString(ReadOnlySpan<byte> block, ref int position)
    {
        var huffman = (block[position] & 0x80) != 0;
        var length = ReadInteger(block, ref position, 7);
        if (huffman)
        {
            throw new Http2ProtocolException("the server sent a Huffman-coded header string");
        }

        var text = Encoding.ASCII.GetString(block.Slice(position, length));
        position += length;
        return text;
    }
}
