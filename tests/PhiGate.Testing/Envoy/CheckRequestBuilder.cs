using System.Globalization;
using Envoy.Config.Core.V3;
using Envoy.Service.Auth.V3;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace PhiGate.Testing.Envoy;

/// <summary>
/// Builds a CheckRequest the way Envoy's ext_authz filter fills it (envoy-wire.md §4.1): lower-case
/// header keys with the pseudo-headers in the map, repeated headers joined with a bare comma, the
/// peer certificate as URL-encoded PEM, the stream id as a decimal string, and
/// <c>x-envoy-auth-partial-body</c> when a body is attached.
/// </summary>
public sealed class CheckRequestBuilder
{
    private static long s_streamId = 1000;

    private readonly List<(string Key, string Value)> _headers = [];
    private string _method = "GET";
    private string _path = "/";
    private string _host = "api.example.org";
    private string _scheme = "https";
    private string _protocol = "HTTP/2";
    private string? _clientCertificatePem;
    private string? _sourcePrincipal;
    private string _sourceAddress = "10.1.2.3";
    private uint _sourcePort = 51234;
    private byte[]? _body;
    private bool _bodyTruncated;
    private bool _packBodyAsBytes;
    private readonly Dictionary<string, string> _contextExtensions = [];
    private DateTimeOffset _time = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    public CheckRequestBuilder Method(string method)
    {
        _method = method;
        return this;
    }

    /// <summary>The <c>:path</c> as the client sent it: path and query, undecoded.</summary>
    public CheckRequestBuilder Path(string path)
    {
        _path = path;
        return this;
    }

    public CheckRequestBuilder Host(string host)
    {
        _host = host;
        return this;
    }

    public CheckRequestBuilder Protocol(string protocol)
    {
        _protocol = protocol;
        return this;
    }

    /// <summary>Adds a header line; a repeated name is joined with <c>,</c> as Envoy does.</summary>
    public CheckRequestBuilder Header(string name, string value)
    {
        _headers.Add((name, value));
        return this;
    }

    public CheckRequestBuilder Bearer(string token) => Header("authorization", "Bearer " + token);

    /// <summary>The mTLS client certificate (PEM) that Envoy passes with <c>include_peer_certificate</c>.</summary>
    public CheckRequestBuilder ClientCertificate(string pem, string? principal = null)
    {
        _clientCertificatePem = pem;
        _sourcePrincipal = principal;
        return this;
    }

    public CheckRequestBuilder Source(string address, uint port)
    {
        _sourceAddress = address;
        _sourcePort = port;
        return this;
    }

    /// <summary>Attaches the body as <c>with_request_body</c> does; <paramref name="truncated"/> when it hit <c>max_request_bytes</c>.</summary>
    public CheckRequestBuilder Body(byte[] body, bool truncated = false, bool packAsBytes = false)
    {
        _body = body;
        _bodyTruncated = truncated;
        _packBodyAsBytes = packAsBytes;
        return this;
    }

    public CheckRequestBuilder ContextExtension(string key, string value)
    {
        _contextExtensions[key] = value;
        return this;
    }

    public CheckRequestBuilder Time(DateTimeOffset time)
    {
        _time = time;
        return this;
    }

    public CheckRequest Build()
    {
        var http = new AttributeContext.Types.HttpRequest
        {
            Id = Interlocked.Increment(ref s_streamId).ToString(CultureInfo.InvariantCulture),
            Method = _method,
            Path = _path,
            Host = _host,
            Scheme = _scheme,
            Protocol = _protocol,
            Size = _body?.Length ?? 0,
        };

        http.Headers[":authority"] = _host;
        http.Headers[":method"] = _method;
        http.Headers[":path"] = _path;
        http.Headers[":scheme"] = _scheme;
        foreach (var (key, value) in _headers)
        {
            var name = key.ToLowerInvariant();
            http.Headers[name] = http.Headers.TryGetValue(name, out var existing) ? existing + "," + value : value;
        }

        if (_body is not null)
        {
            http.Headers["x-envoy-auth-partial-body"] = _bodyTruncated ? "true" : "false";
            if (_packBodyAsBytes)
            {
                http.RawBody = ByteString.CopyFrom(_body);
            }
            else
            {
                http.Body = System.Text.Encoding.UTF8.GetString(_body);
            }
        }

        var attributes = new AttributeContext
        {
            Source = new AttributeContext.Types.Peer
            {
                Address = new Address { SocketAddress = new SocketAddress { Address = _sourceAddress, PortValue = _sourcePort } },
            },
            Destination = new AttributeContext.Types.Peer
            {
                Address = new Address { SocketAddress = new SocketAddress { Address = "10.1.0.10", PortValue = 8443 } },
                Principal = "spiffe://cluster.local/ns/ehr/sa/ehr-api",
            },
            Request = new AttributeContext.Types.Request { Time = Timestamp.FromDateTimeOffset(_time), Http = http },
        };
        if (_clientCertificatePem is not null)
        {
            attributes.Source.Certificate = Uri.EscapeDataString(_clientCertificatePem);
            attributes.Source.Principal = _sourcePrincipal ?? string.Empty;
        }

        attributes.ContextExtensions.Add(_contextExtensions);
        return new CheckRequest { Attributes = attributes };
    }
}
