using System.Buffers;
using Envoy.Service.ExtProc.V3;
using Google.Protobuf;

namespace PhiGate.ExtProc.Streams;

/// <summary>
/// Reads a <see cref="ProcessingRequest"/> off the wire with its body bytes in a pooled buffer: the message is
/// copied once out of Kestrel's buffers, and the body's <see cref="ByteString"/> refers to that copy instead of
/// a fresh array per message (64 KB of garbage per BUFFERED body otherwise).
/// </summary>
/// <remarks>
/// 1. Small messages (headers, trailers, short bodies) go to the ordinary parser, unchanged.
/// 2. Otherwise the payload is copied into a <see cref="PooledPayload"/> and its top-level fields are walked:
///    exactly one request_body or response_body field, whose HttpBody holds only <c>body</c> and
///    <c>end_of_stream</c>, each at most once, is what Envoy sends.
/// 3. Such a message is parsed without that field, and the HttpBody is built around a slice of the payload.
/// 4. Anything else (a repeated or unknown HttpBody field, groups, a malformed tag) is left to the ordinary
///    parser, so the protobuf semantics, and its errors, stay exactly the library's.
/// </remarks>
internal static class ProcessingRequestReader
{
    /// <summary>Below this many bytes the ordinary parser's copy is cheaper than renting and walking.</summary>
    internal const int PooledFromBytes = 1024;

    private const int RequestBodyField = ProcessingRequest.RequestBodyFieldNumber;
    private const int ResponseBodyField = ProcessingRequest.ResponseBodyFieldNumber;

    public static ProcessingRequest Parse(ReadOnlySequence<byte> payload)
    {
        if (payload.Length < PooledFromBytes)
        {
            return ProcessingRequest.Parser.ParseFrom(payload);
        }

        var pooled = new PooledPayload(checked((int)payload.Length));
        try
        {
            var bytes = pooled.GetSpan();
            payload.CopyTo(bytes);
            if (!BodyField.TryFind(bytes, out var field))
            {
                var parsed = ProcessingRequest.Parser.ParseFrom(bytes);
                ((IDisposable)pooled).Dispose();
                return parsed;
            }

            var message = new ProcessingRequest();
            message.MergeFrom(bytes[..field.FieldStart]);
            message.MergeFrom(bytes[field.FieldEnd..]);
            var body = new HttpBody
            {
                Body = UnsafeByteOperations.UnsafeWrap(pooled.Memory.Slice(field.BodyStart, field.BodyLength)),
                EndOfStream = field.EndOfStream,
            };
            if (field.Number == RequestBodyField)
            {
                message.RequestBody = body;
            }
            else
            {
                message.ResponseBody = body;
            }

            return message;
        }
        catch
        {
            ((IDisposable)pooled).Dispose();
            throw;
        }
    }

    /// <summary>Returns the pooled body buffer of a message read here; a no-op for any other message.</summary>
    public static void Release(ProcessingRequest? message)
    {
        var body = message?.RequestCase switch
        {
            ProcessingRequest.RequestOneofCase.RequestBody => message.RequestBody.Body,
            ProcessingRequest.RequestOneofCase.ResponseBody => message.ResponseBody.Body,
            _ => null,
        };
        if (body is not null)
        {
            PooledPayload.Release(body.Memory);
        }
    }

    /// <summary>Where the one HttpBody field of a message is, and what it holds.</summary>
    internal readonly record struct BodyField(int Number, int FieldStart, int FieldEnd, int BodyStart, int BodyLength, bool EndOfStream)
    {
        public static bool TryFind(ReadOnlySpan<byte> bytes, out BodyField field)
        {
            field = default;
            var requestFields = 0;
            int number = 0, fieldStart = 0, fieldEnd = 0, contentStart = 0;
            var position = 0;
            while (position < bytes.Length)
            {
                var tagStart = position;
                if (!TryReadField(bytes, ref position, out var fieldNumber, out var lengthDelimited, out var valueStart))
                {
                    return false;
                }

                if (fieldNumber is >= ProcessingRequest.RequestHeadersFieldNumber and <= ProcessingRequest.ResponseTrailersFieldNumber)
                {
                    requestFields++;
                    if (fieldNumber is RequestBodyField or ResponseBodyField && lengthDelimited)
                    {
                        (number, fieldStart, fieldEnd, contentStart) = (fieldNumber, tagStart, position, valueStart);
                    }
                }
            }

            if (requestFields != 1 || number == 0)
            {
                return false;
            }

            if (!TryReadHttpBody(bytes[contentStart..fieldEnd], out var bodyStart, out var bodyLength, out var endOfStream))
            {
                return false;
            }

            field = new BodyField(number, fieldStart, fieldEnd, contentStart + bodyStart, bodyLength, endOfStream);
            return true;
        }

        // HttpBody: body = 1 (bytes), end_of_stream = 2 (bool); each at most once, nothing else.
        private static bool TryReadHttpBody(ReadOnlySpan<byte> bytes, out int bodyStart, out int bodyLength, out bool endOfStream)
        {
            (bodyStart, bodyLength, endOfStream) = (-1, 0, false);
            var endSeen = false;
            var position = 0;
            while (position < bytes.Length)
            {
                if (!TryReadField(bytes, ref position, out var fieldNumber, out var lengthDelimited, out var valueStart))
                {
                    return false;
                }

                switch (fieldNumber)
                {
                    case HttpBody.BodyFieldNumber when lengthDelimited && bodyStart < 0:
                        (bodyStart, bodyLength) = (valueStart, position - valueStart);
                        break;
                    case HttpBody.EndOfStreamFieldNumber when !lengthDelimited && !endSeen && position - valueStart == 1 && bytes[valueStart] <= 1:
                        (endSeen, endOfStream) = (true, bytes[valueStart] == 1);
                        break;
                    default:
                        return false;
                }
            }

            return bodyStart >= 0;
        }

        /// <summary>Steps over one field; only varint and length-delimited values are accepted.</summary>
        private static bool TryReadField(ReadOnlySpan<byte> bytes, ref int position, out int number, out bool lengthDelimited, out int valueStart)
        {
            (number, lengthDelimited, valueStart) = (0, false, 0);
            if (!TryReadVarint(bytes, ref position, out var tag) || tag >> 3 is 0 or > int.MaxValue)
            {
                return false;
            }

            number = (int)(tag >> 3);
            valueStart = position;
            switch (tag & 7)
            {
                case 0:
                    return TryReadVarint(bytes, ref position, out _);
                case 2:
                    if (!TryReadVarint(bytes, ref position, out var length) || length > (ulong)(bytes.Length - position))
                    {
                        return false;
                    }

                    lengthDelimited = true;
                    valueStart = position;
                    position += (int)length;
                    return true;
                default:
                    return false;
            }
        }

        private static bool TryReadVarint(ReadOnlySpan<byte> bytes, ref int position, out ulong value)
        {
            value = 0;
            for (var shift = 0; shift < 64 && position < bytes.Length; shift += 7)
            {
                var b = bytes[position++];
                value |= (ulong)(b & 0x7F) << shift;
                if (b < 0x80)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
