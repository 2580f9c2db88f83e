using Envoy.Config.Core.V3;
using Envoy.Service.Auth.V3;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;

namespace PhiGate.Load;

/// <summary>The two methods under load, and the requests they are sent, built as Envoy builds them.</summary>
internal static class CheckCalls
{
    private static readonly Marshaller<CheckRequest> Request = Marshallers.Create(m => m.ToByteArray(), CheckRequest.Parser.ParseFrom);
    private static readonly Marshaller<CheckResponse> Response = Marshallers.Create(m => m.ToByteArray(), CheckResponse.Parser.ParseFrom);

    public static readonly Method<CheckRequest, CheckResponse> Check = new(MethodType.Unary, "envoy.service.auth.v3.Authorization", "Check", Request, Response);

    /// <summary>The no-op method PhiGate serves with <c>server.enable_baseline</c>.</summary>
    public static readonly Method<CheckRequest, CheckResponse> Baseline = new(MethodType.Unary, "phigate.diagnostics.v1.Baseline", "Check", Request, Response);

    public static CheckRequest Build(string token, int index)
    {
        var http = new AttributeContext.Types.HttpRequest
        {
            Id = index.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Method = "GET",
            Path = "/fhir/Patient/" + (index % 1000),
            Host = "ehr.example.org",
            Scheme = "https",
            Protocol = "HTTP/2",
        };
        http.Headers[":authority"] = http.Host;
        http.Headers[":method"] = http.Method;
        http.Headers[":path"] = http.Path;
        http.Headers[":scheme"] = http.Scheme;
        http.Headers["authorization"] = "Bearer " + token;
        http.Headers["accept"] = "application/fhir+json";
        http.Headers["user-agent"] = "phigate-load";
        http.Headers["x-request-id"] = Guid.NewGuid().ToString();
        return new CheckRequest
        {
            Attributes = new AttributeContext
            {
                Source = new AttributeContext.Types.Peer
                {
                    Address = new Address { SocketAddress = new SocketAddress { Address = "10.0.0.7", PortValue = 40000 } },
                    Principal = "spiffe://cluster.local/ns/clinic/sa/load-client",
                },
                Destination = new AttributeContext.Types.Peer
                {
                    Address = new Address { SocketAddress = new SocketAddress { Address = "10.0.0.1", PortValue = 8443 } },
                },
                Request = new AttributeContext.Types.Request { Http = http },
            },
        };
    }

    // One HTTP/2 connection per channel: several channels spread the load the way Envoy's workers do.
    public static GrpcChannel[] Channels(GrpcTarget target, int count) =>
        Enumerable.Range(0, count).Select(_ => target.Channel(new SocketsHttpHandler { EnableMultipleHttp2Connections = false })).ToArray();
}
