using System.Buffers;
using System.Runtime.InteropServices;
using Envoy.Config.Core.V3;
using Envoy.Extensions.Filters.Http.ExtProc.V3;
using Envoy.Service.ExtProc.V3;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using PhiGate.ExtProc.Streams;

namespace PhiGate.ExtProc.Tests.Streams;

/// <summary>
/// The server's request parser: body bytes in a pooled buffer for the messages Envoy sends, and exactly the
/// protobuf library's result (and errors) for every message.
/// </summary>
[TestFixture]
public sealed class ProcessingRequestReaderTests
{
    private static readonly byte[] Body = [.. Enumerable.Range(0, 20_000).Select(i => (byte)('a' + (i % 26)))];

    [Test]
    public void Parse_ResponseBodyMessage_EqualsLibraryParseWithBodyInPooledBuffer()
    {
        // Arrange
        var sent = BodyMessage(response: true, endOfStream: true);
        var wire = sent.ToByteArray();

        // Act
        var parsed = ProcessingRequestReader.Parse(new ReadOnlySequence<byte>(wire));

        // Assert
        Assert.That(parsed, Is.EqualTo(ProcessingRequest.Parser.ParseFrom(wire)));
        Assert.That(IsPooled(parsed.ResponseBody.Body), Is.True);
        ProcessingRequestReader.Release(parsed);
    }

    [Test]
    public void Parse_RequestBodyInSegments_EqualsLibraryParseWithBodyInPooledBuffer()
    {
        // Arrange: Kestrel hands a large message over in several buffer segments.
        var sent = BodyMessage(response: false, endOfStream: false);
        var wire = sent.ToByteArray();

        // Act
        var parsed = ProcessingRequestReader.Parse(Segments(wire, 4096));

        // Assert
        Assert.That(parsed, Is.EqualTo(sent));
        Assert.That(parsed.RequestCase, Is.EqualTo(ProcessingRequest.RequestOneofCase.RequestBody));
        Assert.That(IsPooled(parsed.RequestBody.Body), Is.True);
        ProcessingRequestReader.Release(parsed);
    }

    [Test]
    public void Release_ParsedBody_LaterAccessThrowsInsteadOfReadingReusedBytes()
    {
        // Arrange
        var parsed = ProcessingRequestReader.Parse(new ReadOnlySequence<byte>(BodyMessage(response: true, endOfStream: true).ToByteArray()));
        var body = parsed.ResponseBody.Body;

        // Act
        ProcessingRequestReader.Release(parsed);
        ProcessingRequestReader.Release(parsed);

        // Assert
        Assert.Throws<ObjectDisposedException>(() => _ = body.Span[0]);
    }

    [Test]
    public void Parse_SmallBody_OrdinaryParse()
    {
        // Arrange
        var sent = new ProcessingRequest { ResponseBody = new HttpBody { Body = ByteString.CopyFromUtf8("{}"), EndOfStream = true } };

        // Act
        var parsed = ProcessingRequestReader.Parse(new ReadOnlySequence<byte>(sent.ToByteArray()));

        // Assert
        Assert.That(parsed, Is.EqualTo(sent));
        Assert.That(IsPooled(parsed.ResponseBody.Body), Is.False);
    }

    [Test]
    public void Parse_LargeHeadersMessage_EqualsLibraryParse()
    {
        // Arrange
        var headers = new HeaderMap();
        for (var i = 0; i < 100; i++)
        {
            headers.Headers.Add(new HeaderValue { Key = "x-header-" + i, RawValue = ByteString.CopyFromUtf8(new string('v', 40)) });
        }

        var sent = new ProcessingRequest { RequestHeaders = new HttpHeaders { Headers = headers, EndOfStream = true } };

        // Act
        var parsed = ProcessingRequestReader.Parse(new ReadOnlySequence<byte>(sent.ToByteArray()));

        // Assert
        Assert.That(parsed, Is.EqualTo(sent));
    }

    [Test]
    public void Parse_HttpBodyWithUnknownField_EqualsLibraryParseNotPooled()
    {
        // Arrange: field 9 of HttpBody is unknown to this schema; the library keeps it as an unknown field.
        var body = new HttpBody { Body = ByteString.CopyFrom(Body), EndOfStream = true }.ToByteArray();
        byte[] unknown = [9 << 3, 1];
        var httpBody = body.Concat(unknown).ToArray();
        var wire = LengthDelimited(ProcessingRequest.ResponseBodyFieldNumber, httpBody);

        // Act
        var parsed = ProcessingRequestReader.Parse(new ReadOnlySequence<byte>(wire));

        // Assert
        Assert.That(parsed, Is.EqualTo(ProcessingRequest.Parser.ParseFrom(wire)));
        Assert.That(parsed.ResponseBody.ToByteArray(), Is.EqualTo(httpBody));
        Assert.That(IsPooled(parsed.ResponseBody.Body), Is.False);
    }

    [Test]
    public void Parse_BodyFieldTwice_MergesAsLibraryDoes()
    {
        // Arrange: two response_body fields merge; the later body bytes win, end_of_stream from the first stays.
        var first = LengthDelimited(ProcessingRequest.ResponseBodyFieldNumber, new HttpBody { Body = ByteString.CopyFrom(Body), EndOfStream = true }.ToByteArray());
        var second = LengthDelimited(ProcessingRequest.ResponseBodyFieldNumber, new HttpBody { Body = ByteString.CopyFromUtf8("second") }.ToByteArray());
        var wire = first.Concat(second).ToArray();

        // Act
        var parsed = ProcessingRequestReader.Parse(new ReadOnlySequence<byte>(wire));

        // Assert
        Assert.That(parsed, Is.EqualTo(ProcessingRequest.Parser.ParseFrom(wire)));
        Assert.That(parsed.ResponseBody.Body.ToStringUtf8(), Is.EqualTo("second"));
    }

    [Test]
    public void Parse_HeadersAfterBody_LastOneofWinsAsLibraryDoes()
    {
        // Arrange
        var body = BodyMessage(response: true, endOfStream: true).ToByteArray();
        var headers = new ProcessingRequest { ResponseTrailers = new HttpTrailers() }.ToByteArray();
        var wire = body.Concat(headers).ToArray();

        // Act
        var parsed = ProcessingRequestReader.Parse(new ReadOnlySequence<byte>(wire));

        // Assert
        Assert.That(parsed.RequestCase, Is.EqualTo(ProcessingRequest.RequestOneofCase.ResponseTrailers));
        Assert.That(parsed, Is.EqualTo(ProcessingRequest.Parser.ParseFrom(wire)));
    }

    [Test]
    public void Parse_TruncatedBody_ThrowsLikeTheLibrary()
    {
        // Arrange
        var wire = BodyMessage(response: true, endOfStream: true).ToByteArray()[..^100];

        // Act / Assert
        Assert.Throws<InvalidProtocolBufferException>(() => ProcessingRequestReader.Parse(new ReadOnlySequence<byte>(wire)));
    }

    private static ProcessingRequest BodyMessage(bool response, bool endOfStream)
    {
        var metadata = new Metadata();
        var authz = new Struct();
        authz.Fields["phigate.redaction_profile"] = Value.ForString("safe_harbor");
        metadata.FilterMetadata["envoy.filters.http.ext_authz"] = authz;
        var body = new HttpBody { Body = ByteString.CopyFrom(Body), EndOfStream = endOfStream };
        var message = new ProcessingRequest
        {
            MetadataContext = metadata,
            ObservabilityMode = false,
            ProtocolConfig = new ProtocolConfiguration { ResponseBodyMode = ProcessingMode.Types.BodySendMode.Buffered },
        };
        if (response)
        {
            message.ResponseBody = body;
        }
        else
        {
            message.RequestBody = body;
        }

        return message;
    }

    private static byte[] LengthDelimited(int field, byte[] value)
    {
        using var stream = new MemoryStream();
        using (var output = new CodedOutputStream(stream, leaveOpen: true))
        {
            output.WriteTag(field, WireFormat.WireType.LengthDelimited);
            output.WriteBytes(ByteString.CopyFrom(value));
        }

        return stream.ToArray();
    }

    private static bool IsPooled(ByteString bytes) => MemoryMarshal.TryGetMemoryManager<byte, PooledPayload>(bytes.Memory, out _);

    private static ReadOnlySequence<byte> Segments(byte[] bytes, int size)
    {
        Segment? first = null, last = null;
        for (var offset = 0; offset < bytes.Length; offset += size)
        {
            var chunk = bytes.AsMemory(offset, Math.Min(size, bytes.Length - offset));
            var segment = new Segment(chunk, last?.RunningIndex + last?.Memory.Length ?? 0);
            if (last is null)
            {
                first = segment;
            }
            else
            {
                last.Next = segment;
            }

            last = segment;
        }

        return new ReadOnlySequence<byte>(first!, 0, last!, last!.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public new ReadOnlySequenceSegment<byte>? Next
        {
            get => base.Next;
            set => base.Next = value;
        }
    }
}
