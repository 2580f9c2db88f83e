using Envoy.Config.Core.V3;
using Envoy.Service.Auth.V3;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using PhiGate.Authz.PolicyInput;
using PhiGate.Rego.Values;
using PhiGate.Testing.Envoy;

namespace PhiGate.Authz.Tests.PolicyInput;

[TestFixture]
public sealed class AttributesMapperTests
{
    [Test]
    public void Map_EveryFieldPopulated_SameAsReflectiveMapper()
    {
        // Arrange: every field Envoy can send, including the rare ones.
        var request = new CheckRequestBuilder().Method("POST").Path("/a?b=c").Header("x-a", "1").ContextExtension("k", "v")
            .Body("raw"u8.ToArray(), packAsBytes: true).ClientCertificate("-----BEGIN CERTIFICATE-----\nAA==\n-----END CERTIFICATE-----\n", "spiffe://x").Build();
        var attributes = request.Attributes;
        attributes.Source.Service = "svc";
        attributes.Source.Labels["team"] = "ehr";
        attributes.Source.Address.SocketAddress.Protocol = SocketAddress.Types.Protocol.Udp;
        attributes.Source.Address.SocketAddress.ResolverName = "r";
        attributes.Source.Address.SocketAddress.Ipv4Compat = true;
        attributes.Destination.Address = new Address { Pipe = new Pipe { Path = "/run/envoy.sock", Mode = 432 } };
        attributes.Request.Http.Size = 3;
        attributes.Request.Http.Query = "q";
        attributes.Request.Http.Fragment = "f";
        attributes.Request.Http.HeaderMap = new HeaderMap { Headers = { new HeaderValue { Key = "x-a", RawValue = ByteString.CopyFromUtf8("1") } } };
        attributes.TlsSession = new AttributeContext.Types.TLSSession { Sni = "api.example.org" };
        var metadata = new Metadata();
        metadata.FilterMetadata["envoy.filters.http.jwt_authn"] = new Struct { Fields = { ["sub"] = Google.Protobuf.WellKnownTypes.Value.ForString("x"), ["n"] = Google.Protobuf.WellKnownTypes.Value.ForNumber(2) } };
        metadata.TypedFilterMetadata["t"] = Any.Pack(new Google.Protobuf.WellKnownTypes.StringValue { Value = "s" });
        attributes.MetadataContext = metadata;
        attributes.RouteMetadataContext = metadata.Clone();
        var named = request.Clone();
        named.Attributes.Source.Address.SocketAddress.NamedPort = "https";

        // Act + Assert
        Assert.That(JsonText.Serialize(AttributesMapper.Map(request)), Is.EqualTo(JsonText.Serialize(ProtoValueMapper.Map(request))));
        Assert.That(JsonText.Serialize(AttributesMapper.Map(named)), Is.EqualTo(JsonText.Serialize(ProtoValueMapper.Map(named))));
        Assert.That(JsonText.Serialize(AttributesMapper.Map(new CheckRequest())), Is.EqualTo(JsonText.Serialize(ProtoValueMapper.Map(new CheckRequest()))));
    }
}
