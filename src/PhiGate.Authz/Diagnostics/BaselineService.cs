using Envoy.Service.Auth.V3;
using Grpc.Core;
using PhiGate.Diagnostics.V1;

namespace PhiGate.Authz.Diagnostics;

/// <summary>
/// <c>phigate.diagnostics.v1.Baseline/Check</c>: takes a CheckRequest and answers an empty CheckResponse without
/// looking at it. The load generator measures it next to the real Check, on the same host, to show what the
/// decision itself costs. Mapped only when <c>server.enable_baseline</c> is true.
/// </summary>
internal sealed class BaselineService : Baseline.BaselineBase
{
    private static readonly Task<CheckResponse> Empty = Task.FromResult(new CheckResponse());

    public override Task<CheckResponse> Check(CheckRequest request, ServerCallContext context) => Empty;
}
