using Envoy.Service.ExtProc.V3;
using Envoy.Type.V3;
using Google.Protobuf;
using PhiGate.Audit;
using PhiGate.Envoy.Headers;
using PhiGate.Redaction;

namespace PhiGate.ExtProc.Redaction;

/// <summary>
/// One hash-only audit event per inspected or refused exchange: route template, profile, counts per
/// identifier category. When the trail cannot take the event, the body is not released (fail closed).
/// </summary>
internal sealed partial class RedactionExchangeHandler
{
    private static readonly ByteString AuditUnavailableBody = ByteString.CopyFromUtf8("service unavailable: the audit trail cannot record this exchange\n");

    private string _requestId = "-";
    private string? _traceId;
    private string _method = "-";
    private string _path = "/";

    private void ReadRequestFacts(HttpHeaders headers)
    {
        (_requestId, var traceId) = CorrelationIds.From(headers.Headers);
        _traceId = traceId == "-" ? null : traceId;
        _method = HeaderMutations.Find(headers, ":method") ?? "-";
        _path = HeaderMutations.Find(headers, ":path") ?? "/";
    }

    /// <summary>Appends the event; false when a trail is configured and could not take it.</summary>
    private bool Record(RedactionDirection direction, RedactionAction action, string? reason, RedactionCounts counts)
    {
        if (services.Audit is not { IsEnabled: true } trail)
        {
            return true;
        }

        Dictionary<string, int>? findings = null;
        for (var i = 1; i < PhiCategories.Count; i++)
        {
            var category = (PhiCategory)i;
            if (counts.Get(category) is > 0 and var count)
            {
                (findings ??= [])[category.ToSnakeName()] = count;
            }
        }

        var (template, ids) = PathTemplates.From(_path, trail);
        return trail.TryAppend(new RedactionEvent
        {
            RequestId = _requestId,
            TraceId = _traceId,
            Direction = direction,
            Action = action,
            Profile = _profile.Name,
            ContentKind = _format == BodyFormat.Unsupported ? null : _format.ToString().ToLowerInvariant(),
            ReasonCode = reason,
            Route = new AuditRoute { Method = _method, PathTemplate = template, ResourceIds = ids.Count > 0 ? ids : null },
            Findings = findings,
        });
    }

    private ProcessingResponse AuditUnavailable()
    {
        ExtProcLog.AuditUnavailable(logger);
        RedactionMetrics.BodiesAuditUnavailable.Inc();
        return Refuse(StatusCode.ServiceUnavailable, AuditUnavailableBody, "phigate_audit_unavailable");
    }
}
