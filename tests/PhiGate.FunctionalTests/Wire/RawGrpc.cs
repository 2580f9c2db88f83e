using Grpc.Core;

namespace PhiGate.FunctionalTests.Wire;

/// <summary>gRPC methods described only by their path, carrying raw bytes both ways.</summary>
internal static class RawGrpc
{
    private static readonly Marshaller<byte[]> Bytes = Marshallers.Create(b => b, b => b);

    public static readonly Method<byte[], byte[]> Check = new(MethodType.Unary, "envoy.service.auth.v3.Authorization", "Check", Bytes, Bytes);

    public static readonly Method<byte[], byte[]> Process = new(MethodType.DuplexStreaming, "envoy.service.ext_proc.v3.ExternalProcessor", "Process", Bytes, Bytes);
}
