using System.Globalization;
using Envoy.Extensions.Filters.Http.ExtProc.V3;
using Envoy.Service.ExtProc.V3;
using Google.Protobuf;
using PhiGate.Redaction;
using BodyMode = Envoy.Extensions.Filters.Http.ExtProc.V3.ProcessingMode.Types.BodySendMode;

namespace PhiGate.ExtProc.Redaction;

/// <summary>response_headers: harden the headers, decide whether and how the body will be redacted.</summary>
internal sealed partial class RedactionExchangeHandler
{
    private static readonly string[] RemovedResponseHeaders = ["server", "x-powered-by", "content-md5", "digest", "content-digest", "repr-digest"];

    private BodyFormat _format;
    private BodyEncoding _encoding;
    private ResponseBodyPlan _plan;

    // BUFFERED_PARTIAL was configured: if Envoy did not honour the override, a body message without
    // end_of_stream may have been cut at Envoy's buffer limit, with the rest passing unprocessed.
    private bool _bodyMayBeCut;
    private bool _askedForBody;

    public override ValueTask<ProcessingResponse> OnResponseHeadersAsync(ProcessingRequest message, CancellationToken cancellationToken)
    {
        ReadProfile(message);
        var headers = message.ResponseHeaders;
        var mutation = new HeaderMutation();
        mutation.SetHeaders.Add(HeaderMutations.Set("cache-control", "no-store"));
        mutation.SetHeaders.Add(HeaderMutations.Set("pragma", "no-cache"));
        foreach (var name in RemovedResponseHeaders)
        {
            if (HeaderMutations.Find(headers, name) is not null)
            {
                mutation.RemoveHeaders.Add(name);
            }
        }

        var response = new ProcessingResponse { ResponseHeaders = new HeadersResponse { Response = Continue() } };
        response.ResponseHeaders.Response.HeaderMutation = mutation;
        if (headers.EndOfStream)
        {
            return ValueTask.FromResult(response);
        }

        _encoding = BodyCodec.Parse(HeaderMutations.Find(headers, "content-encoding"));
        _format = BodyFormats.FromContentType(HeaderMutations.Find(headers, "content-type") ?? string.Empty);
        if (_format == BodyFormat.Unsupported)
        {
            return ValueTask.FromResult(IsPassthrough(HeaderMutations.Find(headers, "content-type")) ? response : FailClosed(ResponseRefusal.UnredactableContentType));
        }

        if (_encoding == BodyEncoding.Unsupported)
        {
            return ValueTask.FromResult(FailClosed(ResponseRefusal.UnsupportedEncoding));
        }

        if (long.TryParse(HeaderMutations.Find(headers, "content-length"), NumberStyles.None, CultureInfo.InvariantCulture, out var length) && length > services.Options.MaxBodyBytes)
        {
            return ValueTask.FromResult(FailClosed(ResponseRefusal.TooLarge));
        }

        PlanBody(response);
        return ValueTask.FromResult(response);
    }

    /// <summary>
    /// Keeps the body mode Envoy was configured with when it can carry a redacted body (BUFFERED, STREAMED,
    /// FULL_DUPLEX_STREAMED); otherwise (NONE, BUFFERED_PARTIAL) asks for the body whole with mode_override.
    /// </summary>
    /// <remarks>
    /// STREAMED is not overridden: the server cannot see whether Envoy honoured an override
    /// (<c>allow_mode_override</c> is not on the wire), and a chunk without end_of_stream would then be
    /// either a whole BUFFERED body followed by trailers or the first of several chunks. Kept as STREAMED,
    /// every message means one thing, and Envoy's BUFFERED size limit does not apply.
    /// FULL_DUPLEX_STREAMED cannot be overridden at all (envoy-wire.md §5.10).
    /// </remarks>
    private void PlanBody(ProcessingResponse response)
    {
        var configured = Protocol?.ResponseBodyMode ?? BodyMode.None;
        _plan = configured switch
        {
            BodyMode.Streamed => ResponseBodyPlan.Streamed,
            BodyMode.FullDuplexStreamed => ResponseBodyPlan.FullDuplex,
            _ => ResponseBodyPlan.Whole,
        };

        _bodyMayBeCut = configured == BodyMode.BufferedPartial;
        _askedForBody = configured is BodyMode.None or BodyMode.BufferedPartial;
        if (_askedForBody)
        {
            // Body modes in an override are literal (envoy-wire.md §5.10): keep the request's as configured.
            response.ModeOverride = new ProcessingMode
            {
                RequestBodyMode = Protocol?.RequestBodyMode ?? BodyMode.None,
                ResponseBodyMode = BodyMode.Buffered,
            };
        }
    }

    private bool IsPassthrough(string? contentType)
    {
        if (contentType is null)
        {
            return false;
        }

        var semicolon = contentType.IndexOf(';', StringComparison.Ordinal);
        var mediaType = (semicolon >= 0 ? contentType[..semicolon] : contentType).Trim();
        foreach (var allowed in services.Options.PassthroughContentTypes)
        {
            if (allowed.EndsWith("/*", StringComparison.Ordinal)
                ? mediaType.StartsWith(allowed[..^1], StringComparison.OrdinalIgnoreCase)
                : mediaType.Equals(allowed, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
