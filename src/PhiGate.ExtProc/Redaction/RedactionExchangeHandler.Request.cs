using Envoy.Service.ExtProc.V3;
using Envoy.Type.V3;
using Google.Protobuf;
using PhiGate.Audit;

namespace PhiGate.ExtProc.Redaction;

internal sealed partial class RedactionExchangeHandler
{
    private static readonly ByteString RefusedBody = ByteString.CopyFromUtf8("request refused: the URL or headers carry protected health information\n");

    public override ValueTask<ProcessingResponse> OnRequestHeadersAsync(ProcessingRequest message, CancellationToken cancellationToken)
    {
        ReadProfile(message);
        var headers = message.RequestHeaders;
        ReadRequestFacts(headers);
        if (services.Options.RefusePhiInUrl)
        {
            var path = HeaderMutations.Find(headers, ":path") ?? "/";
            if (services.UrlScanner.Scan(path, headers) is { } category)
            {
                ExtProcLog.RequestRefused(logger, category);
                RedactionMetrics.RequestsRefused.Inc();
                Record(RedactionDirection.Request, RedactionAction.Blocked, "phi_in_request", default);
                return ValueTask.FromResult(Refuse(StatusCode.BadRequest, RefusedBody, "phigate_phi_in_request"));
            }
        }

        var mutation = new HeaderMutation();
        foreach (var name in services.Options.StripRequestHeaders)
        {
            if (HeaderMutations.Find(headers, name) is not null)
            {
                mutation.RemoveHeaders.Add(name.ToLowerInvariant());
            }
        }

        RedactionMetrics.RequestsPassed.Inc();
        var response = Continue();
        if (mutation.RemoveHeaders.Count > 0)
        {
            response.HeaderMutation = mutation;
        }

        return ValueTask.FromResult(new ProcessingResponse { RequestHeaders = new HeadersResponse { Response = response } });
    }

    private static ProcessingResponse Refuse(StatusCode status, ByteString body, string details)
    {
        var headers = new HeaderMutation();
        headers.SetHeaders.Add(HeaderMutations.Set("content-type", "text/plain; charset=utf-8"));
        headers.SetHeaders.Add(HeaderMutations.Set("cache-control", "no-store"));
        return new ProcessingResponse
        {
            ImmediateResponse = new ImmediateResponse
            {
                Status = new HttpStatus { Code = status },
                Body = body,
                Headers = headers,
                Details = details,
            },
        };
    }
}
