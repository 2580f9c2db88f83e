using Envoy.Service.Auth.V3;
using Grpc.Core;
using Google.Protobuf;

namespace PhiGate.Authz.Diagnostics;

/// <summary>
/// <c>phigate.diagnostics.v1.Baseline/Check</c>: takes a CheckRequest and answers an empty CheckResponse without
/// looking at it. The load generator measures it next to the real Check, on the same host, to show what the
/// decision itself costs. Mapped only when <c>server.enable_baseline</c> is true.
/// </summary>
/// <remarks>Not sealed and <see cref="Check"/> virtual: gRPC's binder accepts only a virtual handler declared on the bound type.</remarks>
[BindServiceMethod(typeof(BaselineService), nameof(BindService))]
internal class BaselineService
{
    public const string ServiceName = "phigate.diagnostics.v1.Baseline";

    private static readonly CheckResponse Empty = new();

    public static readonly Method<CheckRequest, CheckResponse> CheckMethod = new(
        MethodType.Unary,
        ServiceName,
        "Check",
        Marshallers.Create(m => m.ToByteArray(), CheckRequest.Parser.ParseFrom),
        Marshallers.Create(m => m.ToByteArray(), CheckResponse.Parser.ParseFrom));

    public static void BindService(ServiceBinderBase binder, BaselineService service)
    {
        ArgumentNullException.ThrowIfNull(binder);
        binder.AddMethod(CheckMethod, service is null ? null : (UnaryServerMethod<CheckRequest, CheckResponse>)service.Check);
    }

    public virtual Task<CheckResponse> Check(CheckRequest request, ServerCallContext context) => Task.FromResult(Empty);
}
