using System.Net.Sockets;
using Grpc.Net.Client;

namespace PhiGate.Testing.Envoy;

/// <summary>HTTP/2 cleartext channels as Envoy opens them: over TCP, or over a Unix socket in a shared volume.</summary>
public static class GrpcChannels
{
    public static GrpcChannel ForTcp(string address) =>
        GrpcChannel.ForAddress(address, new GrpcChannelOptions { HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true } });

    public static GrpcChannel ForUnixSocket(string path)
    {
        var handler = new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };

        // The authority is what Envoy sends (the cluster name); the socket decides where bytes go.
        return GrpcChannel.ForAddress("http://phigate", new GrpcChannelOptions { HttpHandler = handler });
    }
}
