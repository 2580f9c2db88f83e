using Envoy.Extensions.Filters.Http.ExtProc.V3;
using Envoy.Service.ExtProc.V3;
using Grpc.Core;
using PhiGate.Testing.Envoy;
using PhiGate.Testing.Hosting;
using BodyMode = Envoy.Extensions.Filters.Http.ExtProc.V3.ProcessingMode.Types.BodySendMode;
using HeaderMode = Envoy.Extensions.Filters.Http.ExtProc.V3.ProcessingMode.Types.HeaderSendMode;

namespace PhiGate.FunctionalTests.Server;

/// <summary>ext_proc streams driven in Envoy's order for every processing mode, plus the ways a stream can go wrong.</summary>
public sealed class ExtProcStreamTests
{
    private TestServer _server = null!;
    private EnvoyDriver _envoy = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _server = await TestServer.StartAsync();
        _envoy = _server.CreateDriver();
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _envoy.Dispose();
        await _server.DisposeAsync();
    }

    [TearDown]
    public void NoErrors() => _server.AssertNoUnexpectedErrors();

    private static HttpExchange ExchangeWithBodies(bool trailers) => new()
    {
        RequestHeaders = [new(":method", "POST"), new(":path", "/api/echo"), new(":authority", "api.example.org"), new(":scheme", "https"), new("content-type", "text/plain")],
        RequestBody = ["hello "u8.ToArray(), "world"u8.ToArray()],
        RequestTrailers = trailers ? [new("x-checksum", "abc")] : null,
        ResponseHeaders = [new(":status", "200"), new("content-type", "text/plain")],
        ResponseBody = ["one "u8.ToArray(), "two "u8.ToArray(), "three"u8.ToArray()],
        ResponseTrailers = trailers ? [new("grpc-status", "0")] : null,
    };

    private static ProcessingMode Mode(BodyMode body, HeaderMode headers = HeaderMode.Send, HeaderMode trailers = HeaderMode.Default) => new()
    {
        RequestHeaderMode = headers,
        ResponseHeaderMode = headers,
        RequestBodyMode = body,
        ResponseBodyMode = body,
        RequestTrailerMode = trailers,
        ResponseTrailerMode = trailers,
    };

    [TestCase(BodyMode.None, HeaderMode.Send, TestName = "Process_BodyNone_HeadersAnswered")]
    [TestCase(BodyMode.Buffered, HeaderMode.Send, TestName = "Process_Buffered_OneBodyMessagePerDirection")]
    [TestCase(BodyMode.BufferedPartial, HeaderMode.Send, TestName = "Process_BufferedPartial_OneBodyMessagePerDirection")]
    [TestCase(BodyMode.Streamed, HeaderMode.Send, TestName = "Process_Streamed_OneAnswerPerChunk")]
    [TestCase(BodyMode.Buffered, HeaderMode.Skip, TestName = "Process_HeadersSkipped_BodiesOnly")]
    public async Task Process_Mode_EveryMessageAnsweredAndTextWithoutPhiUnchanged(BodyMode body, HeaderMode headers)
    {
        // Arrange
        var exchange = ExchangeWithBodies(trailers: false);
        var settings = new ExtProcSettings { Mode = Mode(body, headers) };

        // Act
        var result = await _envoy.ProcessAsync(exchange, settings);

        // Assert: one answer per message (the driver checked each one's type and order); a mode_override
        // may have changed how many body messages Envoy sent.
        Assert.That(result.Answers, Has.Count.EqualTo(result.Sent.Count));
        Assert.That(result.RequestBody, Is.EqualTo("hello world"u8.ToArray()));
        Assert.That(result.ResponseBody, Is.EqualTo("one two three"u8.ToArray()));
        Assert.That(result.ImmediateResponse, Is.Null);
    }

    [Test]
    public async Task Process_FullDuplex_RequestStreamsBackAndResponseStreamedBackWhole()
    {
        // Arrange: FULL_DUPLEX_STREAMED requires trailer mode SEND, and Envoy ignores mode_override in it, so
        // PhiGate holds the redactable response body and streams it back once it ended.
        var exchange = ExchangeWithBodies(trailers: false);
        var settings = new ExtProcSettings { Mode = Mode(BodyMode.FullDuplexStreamed, HeaderMode.Send, HeaderMode.Send), AllowModeOverride = false };

        // Act
        var result = await _envoy.ProcessAsync(exchange, settings);

        // Assert: the request body came back whole; the text response came back whole after redaction.
        Assert.That(result.RequestBody, Is.EqualTo("hello world"u8.ToArray()));
        Assert.That(result.ResponseBody, Is.EqualTo("one two three"u8.ToArray()));
        Assert.That(result.ImmediateResponse, Is.Null);
    }

    [Test]
    public async Task Process_BufferedWithTrailers_TrailersAnsweredAfterBody()
    {
        // Arrange
        var exchange = ExchangeWithBodies(trailers: true);
        var settings = new ExtProcSettings { Mode = Mode(BodyMode.Buffered, HeaderMode.Send, HeaderMode.Send) };

        // Act
        var result = await _envoy.ProcessAsync(exchange, settings);

        // Assert: the body message had end_of_stream false because trailers follow.
        var requestBody = result.Sent.Single(m => m.RequestCase == ProcessingRequest.RequestOneofCase.RequestBody);
        Assert.That(requestBody.RequestBody.EndOfStream, Is.False);
        Assert.That(result.Answers.Select(a => a.ResponseCase), Is.EqualTo(new[]
        {
            ProcessingResponse.ResponseOneofCase.RequestHeaders, ProcessingResponse.ResponseOneofCase.RequestBody, ProcessingResponse.ResponseOneofCase.RequestTrailers,
            ProcessingResponse.ResponseOneofCase.ResponseHeaders, ProcessingResponse.ResponseOneofCase.ResponseBody, ProcessingResponse.ResponseOneofCase.ResponseTrailers,
        }));
    }

    [Test]
    public async Task Process_ObservabilityMode_NoAnswers()
    {
        // Arrange
        var exchange = ExchangeWithBodies(trailers: false);
        var settings = new ExtProcSettings { Mode = Mode(BodyMode.Streamed), ObservabilityMode = true };

        // Act
        var result = await _envoy.ProcessAsync(exchange, settings);

        // Assert: every message was sent, and the stream ended without a single answer.
        Assert.That(result.Sent, Has.Count.EqualTo(7));
        Assert.That(result.Answers, Is.Empty);
    }

    [Test]
    public async Task Process_DuplicateRequestHeaders_StreamFailsInvalidArgument()
    {
        // Arrange
        using var call = _envoy.OpenProcessStream();
        var headers = new ProcessingRequest { RequestHeaders = new HttpHeaders { Headers = new() } };

        // Act
        await call.RequestStream.WriteAsync(headers);
        Assert.That(await call.ResponseStream.MoveNext(CancellationToken.None), Is.True);
        await call.RequestStream.WriteAsync(headers);
        var ex = Assert.ThrowsAsync<RpcException>(async () => await call.ResponseStream.MoveNext(CancellationToken.None));

        // Assert: Envoy fails closed on a non-OK status (§5.9); the message says nothing about content.
        Assert.That(ex!.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
        Assert.That(ex.Status.Detail, Is.EqualTo("message out of ext_proc order"));
    }

    [Test]
    public async Task Process_EmptyMessage_StreamFailsInvalidArgument()
    {
        // Arrange
        using var call = _envoy.OpenProcessStream();

        // Act
        await call.RequestStream.WriteAsync(new ProcessingRequest());
        var ex = Assert.ThrowsAsync<RpcException>(async () => await call.ResponseStream.MoveNext(CancellationToken.None));

        // Assert
        Assert.That(ex!.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
    }

    [Test]
    public async Task Process_BodyAfterEndOfStream_StreamFailsInvalidArgument()
    {
        // Arrange
        using var call = _envoy.OpenProcessStream();
        var body = new ProcessingRequest { ResponseBody = new HttpBody { EndOfStream = true } };

        // Act
        await call.RequestStream.WriteAsync(body);
        Assert.That(await call.ResponseStream.MoveNext(CancellationToken.None), Is.True);
        await call.RequestStream.WriteAsync(body);
        var ex = Assert.ThrowsAsync<RpcException>(async () => await call.ResponseStream.MoveNext(CancellationToken.None));

        // Assert
        Assert.That(ex!.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
    }

    [Test]
    public async Task Process_EarlyResponseWhileRequestStreams_Accepted()
    {
        // Arrange: an upstream that answers before the request body finished (§5.2).
        using var call = _envoy.OpenProcessStream();
        var messages = new[]
        {
            new ProcessingRequest { RequestHeaders = new HttpHeaders { Headers = new() } },
            new ProcessingRequest { RequestBody = new HttpBody { Body = Google.Protobuf.ByteString.CopyFromUtf8("a") } },
            new ProcessingRequest { ResponseHeaders = new HttpHeaders { Headers = new(), EndOfStream = true } },
            new ProcessingRequest { RequestBody = new HttpBody { Body = Google.Protobuf.ByteString.CopyFromUtf8("b"), EndOfStream = true } },
        };

        // Act
        var kinds = new List<ProcessingResponse.ResponseOneofCase>();
        foreach (var message in messages)
        {
            await call.RequestStream.WriteAsync(message);
            Assert.That(await call.ResponseStream.MoveNext(CancellationToken.None), Is.True);
            kinds.Add(call.ResponseStream.Current.ResponseCase);
        }

        await call.RequestStream.CompleteAsync();

        // Assert
        Assert.That(await call.ResponseStream.MoveNext(CancellationToken.None), Is.False);
        Assert.That(kinds, Is.EqualTo(new[]
        {
            ProcessingResponse.ResponseOneofCase.RequestHeaders, ProcessingResponse.ResponseOneofCase.RequestBody,
            ProcessingResponse.ResponseOneofCase.ResponseHeaders, ProcessingResponse.ResponseOneofCase.RequestBody,
        }));
    }

    [Test]
    public async Task Process_ClientCancelsMidStream_ServerEndsQuietly()
    {
        // Arrange
        using var cancel = new CancellationTokenSource();
        using var call = _envoy.OpenProcessStream(cancel.Token);
        await call.RequestStream.WriteAsync(new ProcessingRequest { RequestHeaders = new HttpHeaders { Headers = new() } });
        Assert.That(await call.ResponseStream.MoveNext(CancellationToken.None), Is.True);

        // Act: Envoy resets the stream when the downstream client goes away.
        await cancel.CancelAsync();

        // Assert: the cancellation is counted as such, and no error is logged (checked in TearDown).
        await WaitUntilAsync(() => _server.Logs.Events.Any(e => e.EventId.Name == "StreamCancelled"));
        Assert.That(_server.Logs.Events.Any(e => e.EventId.Name == "StreamCancelled"), Is.True);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition() && !timeout.IsCancellationRequested)
        {
            await Task.Delay(20);
        }
    }
}
