using System.Text.Json;
using Grpc.Core;
using Grpc.Health.V1;
using PhiGate.FunctionalTests.Wire;
using PhiGate.Testing.Hosting;

namespace PhiGate.FunctionalTests.Server;

/// <summary>
/// A client that knows only Envoy's published field numbers talks to the real host over TCP and over
/// a Unix socket: health, a Check that is denied, and one answer of the right type per ext_proc message.
/// </summary>
[TestFixture(false)]
[TestFixture(true)]
public sealed class WireCompatibilityTests(bool unixSocket)
{
    private TestServer _server = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _server = await TestServer.StartAsync(unixSocket: unixSocket);

    [OneTimeTearDown]
    public async Task StopAsync() => await _server.DisposeAsync();

    [TearDown]
    public void NoErrors() => _server.AssertNoUnexpectedErrors();

    [Test]
    public async Task HealthCheck_OverallService_Serving()
    {
        // Arrange
        using var channel = _server.CreateChannel();
        var client = new Health.HealthClient(channel);

        // Act
        var response = await client.CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(10));

        // Assert
        Assert.That(response.Status, Is.EqualTo(HealthCheckResponse.Types.ServingStatus.Serving));
    }

    [Test]
    public async Task Check_AnyRequest_DeniedWith403AndJsonBody()
    {
        // Arrange: CheckRequest.attributes(1).request(4).http(2) with id(1), method(2), headers(3), path(4).
        var http = new ProtoWriter()
            .String(1, "4711")
            .String(2, "GET")
            .MapEntry(3, ":path", "/fhir/Patient/123")
            .MapEntry(3, "x-request-id", "req-42")
            .String(4, "/fhir/Patient/123")
            .String(5, "api.example.org");
        var request = new ProtoWriter().Message(1, new ProtoWriter().Message(4, new ProtoWriter().Message(2, http))).ToArray();
        using var channel = _server.CreateChannel();

        // Act
        var bytes = await channel.CreateCallInvoker().AsyncUnaryCall(RawGrpc.Check, null, new CallOptions(deadline: DateTime.UtcNow.AddSeconds(10)), request);

        // Assert: status(1).code(1) = PERMISSION_DENIED (7); denied_response(2).status(1).code(1) = 403; body(3) JSON.
        var response = new ProtoReader(bytes);
        Assert.That(response.Message(1).Varint(1), Is.EqualTo(7));
        Assert.That(response.Has(3), Is.False, "no ok_response on a deny");
        var denied = response.Message(2);
        Assert.That(denied.Message(1).Varint(1), Is.EqualTo(403));
        using var body = JsonDocument.Parse(denied.String(3));
        Assert.That(body.RootElement.GetProperty("request_id").GetString(), Is.EqualTo("req-42"));
        Assert.That(body.RootElement.GetProperty("error").GetString(), Is.EqualTo("access_denied"));
        var contentType = denied.Messages(2).Single(h => h.Message(1).String(1) == "content-type");
        Assert.That(contentType.Message(1).String(2), Is.EqualTo("application/json"));
        Assert.That(contentType.Has(2), Is.True, "append is set explicitly");
    }

    [TestCase(2, 1, TestName = "Process_RequestHeaders_RequestHeadersContinue")]
    [TestCase(3, 2, TestName = "Process_ResponseHeaders_ResponseHeadersContinue")]
    [TestCase(4, 3, TestName = "Process_RequestBody_RequestBodyContinue")]
    [TestCase(5, 4, TestName = "Process_ResponseBody_ResponseBodyContinue")]
    [TestCase(6, 5, TestName = "Process_RequestTrailers_RequestTrailersAnswer")]
    [TestCase(7, 6, TestName = "Process_ResponseTrailers_ResponseTrailersAnswer")]
    public async Task Process_OneMessage_AnswerOfMatchingType(int requestField, int expectedResponseField)
    {
        // Arrange: a single ProcessingRequest with only the oneof member under test.
        var payload = requestField switch
        {
            2 or 3 => new ProtoWriter().Message(1, new ProtoWriter().Message(1, new ProtoWriter().String(1, "content-type").Bytes(3, "application/json"u8.ToArray()))),
            4 or 5 => new ProtoWriter().Bytes(1, "{}"u8.ToArray()).Varint(2, 1),
            _ => new ProtoWriter().Message(1, new ProtoWriter().Message(1, new ProtoWriter().String(1, "grpc-status").Bytes(3, "0"u8.ToArray()))),
        };
        var message = new ProtoWriter().Message(requestField, payload).ToArray();
        using var channel = _server.CreateChannel();
        using var call = channel.CreateCallInvoker().AsyncDuplexStreamingCall(RawGrpc.Process, null, new CallOptions(deadline: DateTime.UtcNow.AddSeconds(10)));

        // Act
        await call.RequestStream.WriteAsync(message);
        await call.RequestStream.CompleteAsync();
        var answers = new List<byte[]>();
        while (await call.ResponseStream.MoveNext(CancellationToken.None))
        {
            answers.Add(call.ResponseStream.Current);
        }

        // Assert: exactly one answer, whose only response oneof member (1-7, 11) is the matching one, with
        // status CONTINUE (0). Mutations and a mode_override (9) depend on the redaction profile.
        Assert.That(answers, Has.Count.EqualTo(1));
        var answer = new ProtoReader(answers[0]);
        Assert.That(answer.FieldNumbers.Where(f => f is >= 1 and <= 7 or 11), Is.EquivalentTo(new[] { expectedResponseField }));
        if (expectedResponseField <= 4)
        {
            Assert.That(answer.Message(expectedResponseField).Message(1).Varint(1), Is.Zero, "status CONTINUE");
        }

        Assert.That(call.GetStatus().StatusCode, Is.EqualTo(StatusCode.OK));
    }
}
