using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace PhiGate.Audit;

/// <summary>Why a line is not a well-formed record.</summary>
internal enum RecordDefect
{
    None,
    NotARecord,
    HashMismatch,
    UnknownType,
    UnsupportedVersion,
}

/// <summary>
/// Reads one record line (without its newline): checks its own hash, takes <c>prev</c> and <c>hash</c>
/// from their fixed offsets and the header fields with a forward-only JSON reader. Checkpoint records
/// are read completely; event records only up to <c>type</c>, since their content is covered by the hash.
/// </summary>
internal static class RecordParser
{
    public static RecordDefect TryParse(ReadOnlySpan<byte> line, ParsedRecord record, bool checkHash = true)
    {
        var minimum = RecordLayout.PrevFieldLength + RecordLayout.HashSuffixLength + 2;
        if (line.Length < minimum || line[0] != (byte)'{' || !line.EndsWith("\"}"u8))
        {
            return RecordDefect.NotARecord;
        }

        var hashStart = line.Length - RecordLayout.HashSuffixLength;
        var prevStart = hashStart - RecordLayout.PrevFieldLength;
        if (!line[hashStart..].StartsWith(RecordLayout.HashOpening) || !line[prevStart..].StartsWith(RecordLayout.PrevOpening)
            || line[hashStart - 1] != (byte)'"')
        {
            return RecordDefect.NotARecord;
        }

        var hashText = line.Slice(hashStart + RecordLayout.HashOpening.Length, RecordLayout.HashChars);
        if (checkHash)
        {
            Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
            Span<byte> encoded = stackalloc byte[RecordLayout.HashChars];
            SHA256.HashData(line[..hashStart], digest);
            Base64Url.EncodeToUtf8(digest, encoded);
            if (!encoded.SequenceEqual(hashText))
            {
                return RecordDefect.HashMismatch;
            }
        }

        record.SetChain(line.Slice(prevStart + RecordLayout.PrevOpening.Length, RecordLayout.HashChars), hashText);
        try
        {
            return ReadHeader(line[..prevStart], record);
        }
        catch (JsonException)
        {
            return RecordDefect.NotARecord;
        }
    }

    private static RecordDefect ReadHeader(ReadOnlySpan<byte> json, ParsedRecord record)
    {
        // The prefix lacks its closing brace, so the reader runs in non-final mode and stops where it must.
        var reader = new Utf8JsonReader(json, isFinalBlock: false, state: default);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return RecordDefect.NotARecord;
        }

        var version = -1;
        var sequence = -1L;
        var type = (RecordType?)null;
        var timeStart = -1L;
        var timeLength = 0;
        record.Time = null;
        record.From = record.To = -1;
        record.Head = record.Reason = record.KeyId = record.Signature = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.ValueSpan;
            if (!reader.Read())
            {
                break;
            }

            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                if (!reader.TrySkip())
                {
                    break;
                }

                continue;
            }

            switch (name)
            {
                case var _ when name.SequenceEqual("v"u8):
                    version = reader.TryGetInt32(out var v) ? v : -1;
                    break;
                case var _ when name.SequenceEqual("seq"u8):
                    sequence = reader.TryGetInt64(out var s) ? s : -1;
                    break;
                case var _ when name.SequenceEqual("time"u8):
                    // Only a checkpoint needs the text (it is signed); remember where it is.
                    if (reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped)
                    {
                        timeStart = reader.TokenStartIndex + 1;
                        timeLength = reader.ValueSpan.Length;
                    }

                    break;
                case var _ when name.SequenceEqual("type"u8):
                    type = TypeOf(ref reader);
                    if (type != RecordType.Checkpoint)
                    {
                        return Finish(record, version, sequence, type, timeStart >= 0);
                    }

                    if (timeStart >= 0)
                    {
                        record.Time = Encoding.UTF8.GetString(json.Slice((int)timeStart, timeLength));
                    }

                    break;
                default:
                    ReadCheckpointField(ref reader, name, record);
                    break;
            }
        }

        return Finish(record, version, sequence, type, timeStart >= 0);
    }

    private static RecordType? TypeOf(ref Utf8JsonReader reader) =>
        reader.TokenType != JsonTokenType.String ? null
        : reader.ValueTextEquals("decision"u8) ? RecordType.Decision
        : reader.ValueTextEquals("redaction"u8) ? RecordType.Redaction
        : reader.ValueTextEquals("checkpoint"u8) ? RecordType.Checkpoint
        : null;

    private static void ReadCheckpointField(ref Utf8JsonReader reader, ReadOnlySpan<byte> name, ParsedRecord record)
    {
        if (name.SequenceEqual("from"u8))
        {
            record.From = reader.TryGetInt64(out var from) ? from : -1;
        }
        else if (name.SequenceEqual("to"u8))
        {
            record.To = reader.TryGetInt64(out var to) ? to : -1;
        }
        else if (name.SequenceEqual("head"u8))
        {
            record.Head = reader.GetString();
        }
        else if (name.SequenceEqual("reason"u8))
        {
            record.Reason = reader.GetString();
        }
        else if (name.SequenceEqual("key_id"u8))
        {
            record.KeyId = reader.GetString();
        }
        else if (name.SequenceEqual("sig"u8))
        {
            record.Signature = reader.GetString();
        }
    }

    private static RecordDefect Finish(ParsedRecord record, int version, long sequence, RecordType? type, bool hasTime)
    {
        if (version != RecordLayout.SchemaVersion)
        {
            return version < 0 ? RecordDefect.NotARecord : RecordDefect.UnsupportedVersion;
        }

        if (sequence < 1 || !hasTime)
        {
            return RecordDefect.NotARecord;
        }

        record.Sequence = sequence;
        if (type is not { } known)
        {
            return RecordDefect.UnknownType;
        }

        record.Type = known;
        return RecordDefect.None;
    }
}
