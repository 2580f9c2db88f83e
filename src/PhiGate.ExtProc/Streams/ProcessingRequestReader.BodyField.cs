using Envoy.Service.ExtProc.V3;

namespace PhiGate.ExtProc.Streams;

/// <summary>The walk over a message's wire bytes that finds its HttpBody field.</summary>
internal static partial class ProcessingRequestReader
{
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
