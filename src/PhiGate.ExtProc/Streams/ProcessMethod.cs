using Envoy.Service.ExtProc.V3;
using Google.Protobuf;
using Grpc.Core;

namespace PhiGate.ExtProc.Streams;

/// <summary>
/// The Process method as the server binds it: the generated service's name and types, with a request
/// marshaller that keeps body bytes in a pooled buffer (<see cref="ProcessingRequestReader"/>).
/// </summary>
/// <remarks>
/// gRPC for ASP.NET Core binds a service through the <see cref="BindServiceMethodAttribute"/> nearest to the
/// service class, so <see cref="ProcessService"/> points here instead of at the generated binder.
/// </remarks>
internal static class ProcessMethod
{
    public static readonly Method<ProcessingRequest, ProcessingResponse> Process = new(
        MethodType.DuplexStreaming,
        ExternalProcessor.Descriptor.FullName,
        "Process",
        Marshallers.Create<ProcessingRequest>(Serialize, static context => ProcessingRequestReader.Parse(context.PayloadAsReadOnlySequence())),
        Marshallers.Create<ProcessingResponse>(Serialize, static context => ProcessingResponse.Parser.ParseFrom(context.PayloadAsReadOnlySequence())));

    /// <summary>
    /// Called by gRPC's service discovery, with a null service. The parameter is the generated base type:
    /// discovery looks for the handler method that overrides the method declared there.
    /// </summary>
    public static void BindService(ServiceBinderBase binder, ExternalProcessor.ExternalProcessorBase service)
    {
        ArgumentNullException.ThrowIfNull(binder);
        binder.AddMethod(Process, service is null ? null : new DuplexStreamingServerMethod<ProcessingRequest, ProcessingResponse>(service.Process));
    }

    private static void Serialize<T>(T message, SerializationContext context)
        where T : IMessage
    {
        context.SetPayloadLength(message.CalculateSize());
        message.WriteTo(context.GetBufferWriter());
        context.Complete();
    }
}
