using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Grpc.Net.Client;

namespace PhiGate.Load;

/// <summary>
/// Where the server's gRPC listener is: a loopback TCP port or a Unix socket, the way the Helm chart and
/// the sample Envoy bootstrap connect Envoy to PhiGate in a pod. Both clients connect through it.
/// </summary>
internal sealed record GrpcTarget(EndPoint EndPoint, string Authority)
{
    private const string UnixPrefix = "unix:";

    /// <summary>
    /// Reads <c>http://host:port</c>, <c>unix:/path</c>, or Kestrel's form of a Unix listener,
    /// <c>http://unix:/path</c>.
    /// </summary>
    public static GrpcTarget Parse(string address)
    {
        var text = address.StartsWith("http://" + UnixPrefix, StringComparison.Ordinal) ? address["http://".Length..] : address;
        if (text.StartsWith(UnixPrefix, StringComparison.Ordinal))
        {
            // Envoy sends the cluster's name as :authority over a pipe; any fixed name does.
            return new GrpcTarget(new UnixDomainSocketEndPoint(text[UnixPrefix.Length..]), "localhost");
        }

        var uri = new Uri(text);
        return new GrpcTarget(new IPEndPoint(IPAddress.Parse(uri.Host), uri.Port), uri.Authority);
    }

    public bool IsUnixSocket => EndPoint is UnixDomainSocketEndPoint;

    /// <summary>A connected socket, with Nagle off on TCP as Envoy sets it.</summary>
    public Socket Connect()
    {
        var socket = NewSocket();
        try
        {
            socket.Connect(EndPoint);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>A Grpc.Net.Client channel over <paramref name="handler"/>, which this target connects.</summary>
    public GrpcChannel Channel(SocketsHttpHandler handler)
    {
        handler.ConnectCallback = async (_, cancellation) =>
        {
            var socket = NewSocket();
            try
            {
                await socket.ConnectAsync(EndPoint, cancellation);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        };
        return GrpcChannel.ForAddress(string.Create(CultureInfo.InvariantCulture, $"http://{Authority}"), new GrpcChannelOptions { HttpHandler = handler });
    }

    private Socket NewSocket() => IsUnixSocket
        ? new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified)
        : new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };

    public override string ToString() => IsUnixSocket ? UnixPrefix + EndPoint : EndPoint.ToString()!;
}
