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
internal static partial class ProcessingRequestReader
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
}
