using Envoy.Config.Core.V3;
using Envoy.Service.Auth.V3;
using Google.Protobuf.Collections;
using PhiGate.Rego.Values;

namespace PhiGate.Authz.PolicyInput;

/// <summary>
/// The hot path of <see cref="ProtoValueMapper"/>, written out for the messages of every CheckRequest (peer,
/// socket address, request, HTTP request). Output is identical to the reflective mapper, which still handles
/// rarely set parts (metadata, header maps, internal addresses); a test holds the two equal.
/// </summary>
internal static class AttributesMapper
{
    public static ObjectValue Map(CheckRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var builder = new ObjectBuilder(1);
        if (request.Attributes is { } attributes)
        {
            builder.Add("attributes", Map(attributes));
        }

        return builder.Build();
    }

    private static ObjectValue Map(AttributeContext attributes)
    {
        var builder = new ObjectBuilder(8);
        AddMessage(builder, "source", attributes.Source, MapPeer);
        AddMessage(builder, "destination", attributes.Destination, MapPeer);
        AddMessage(builder, "request", attributes.Request, MapRequest);
        AddMap(builder, "contextExtensions", attributes.ContextExtensions);
        AddMessage(builder, "metadataContext", attributes.MetadataContext, ProtoValueMapper.Map);
        AddMessage(builder, "tlsSession", attributes.TlsSession, ProtoValueMapper.Map);
        AddMessage(builder, "routeMetadataContext", attributes.RouteMetadataContext, ProtoValueMapper.Map);
        return builder.Build();
    }

    private static ObjectValue MapPeer(AttributeContext.Types.Peer peer)
    {
        var builder = new ObjectBuilder(5);
        AddMessage(builder, "address", peer.Address, MapAddress);
        AddString(builder, "service", peer.Service);
        AddMap(builder, "labels", peer.Labels);
        AddString(builder, "principal", peer.Principal);
        AddString(builder, "certificate", peer.Certificate);
        return builder.Build();
    }

    private static ObjectValue MapAddress(Address address)
    {
        if (address.AddressCase != Address.AddressOneofCase.SocketAddress)
        {
            return ProtoValueMapper.Map(address);
        }

        var socket = address.SocketAddress;
        var inner = new ObjectBuilder(4);
        if (socket.Protocol != SocketAddress.Types.Protocol.Tcp)
        {
            inner.Add("protocol", Value.From((int)socket.Protocol));
        }

        AddString(inner, "address", socket.Address);
        if (socket.PortSpecifierCase == SocketAddress.PortSpecifierOneofCase.PortValue)
        {
            inner.Add("portValue", Value.From((long)socket.PortValue));
        }
        else if (socket.PortSpecifierCase == SocketAddress.PortSpecifierOneofCase.NamedPort)
        {
            inner.Add("namedPort", Value.From(socket.NamedPort));
        }

        AddString(inner, "resolverName", socket.ResolverName);
        if (socket.Ipv4Compat)
        {
            inner.Add("ipv4Compat", Value.True);
        }

        AddString(inner, "networkNamespaceFilepath", socket.NetworkNamespaceFilepath);
        return new ObjectBuilder(1).Add("socketAddress", inner.Build()).Build();
    }

    private static ObjectValue MapRequest(AttributeContext.Types.Request request)
    {
        var builder = new ObjectBuilder(2);
        if (request.Time is { } time)
        {
            var timestamp = new ObjectBuilder(2);
            if (time.Seconds != 0)
            {
                timestamp.Add("seconds", Value.From(time.Seconds));
            }

            if (time.Nanos != 0)
            {
                timestamp.Add("nanos", Value.From(time.Nanos));
            }

            builder.Add("time", timestamp.Build());
        }

        AddMessage(builder, "http", request.Http, MapHttp);
        return builder.Build();
    }

    private static ObjectValue MapHttp(AttributeContext.Types.HttpRequest http)
    {
        var builder = new ObjectBuilder(13);
        AddString(builder, "id", http.Id);
        AddString(builder, "method", http.Method);
        AddMap(builder, "headers", http.Headers);
        AddString(builder, "path", http.Path);
        AddString(builder, "host", http.Host);
        AddString(builder, "scheme", http.Scheme);
        AddString(builder, "query", http.Query);
        AddString(builder, "fragment", http.Fragment);
        if (http.Size != 0)
        {
            builder.Add("size", Value.From(http.Size));
        }

        AddString(builder, "protocol", http.Protocol);
        AddString(builder, "body", http.Body);
        if (!http.RawBody.IsEmpty)
        {
            builder.Add("rawBody", Value.From(http.RawBody.ToBase64()));
        }

        AddMessage(builder, "headerMap", http.HeaderMap, ProtoValueMapper.Map);
        return builder.Build();
    }

    private static void AddString(ObjectBuilder builder, string key, string value)
    {
        if (value.Length > 0)
        {
            builder.Add(key, Value.From(value));
        }
    }

    private static void AddMap(ObjectBuilder builder, string key, MapField<string, string> map)
    {
        if (map.Count == 0)
        {
            return;
        }

        var inner = new ObjectBuilder(map.Count);
        foreach (var (name, value) in map)
        {
            inner.Add(name, Value.From(value));
        }

        builder.Add(key, inner.Build());
    }

    private static void AddMessage<T>(ObjectBuilder builder, string key, T? message, Func<T, ObjectValue> map)
        where T : class
    {
        if (message is not null)
        {
            builder.Add(key, map(message));
        }
    }
}
