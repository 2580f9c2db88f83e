using Envoy.Service.ExtProc.V3;
using Microsoft.Extensions.Logging;
using PhiGate.Redaction.Profiles;

namespace PhiGate.ExtProc.Redaction;

/// <summary>
/// ext_proc answers for one HTTP exchange: strip and check request headers, harden response headers,
/// and redact the response body by the caller's profile. Extends the foundation's
/// <see cref="ExchangeHandler"/>; the message order itself is the state machine's job.
/// </summary>
/// <remarks>
/// 1. request_headers: take the profile from ext_authz's metadata; refuse PHI in the URL or headers (400);
///    remove the configured sensitive headers.
/// 2. response_headers: add no-store/no-cache, remove server and x-powered-by; plan the body by the
///    configured mode (BUFFERED, STREAMED and FULL_DUPLEX_STREAMED kept; NONE and BUFFERED_PARTIAL ask for
///    BUFFERED with mode_override); refuse what cannot be redacted (502).
/// 3. response_body: hold streamed chunks (cleared, or answered empty in full duplex), then decode, redact
///    and re-encode the whole body and answer it in the mode's shape (content-length fixed in BUFFERED).
///    Any failure refuses (502, or a reset once headers went downstream): the unredacted body never passes.
///    docs/extproc-body-modes.md has the table and the cases that can only fail closed.
/// </remarks>
internal sealed partial class RedactionExchangeHandler(RedactionServices services, ILogger logger) : ExchangeHandler
{
    internal const string AuthzNamespace = "envoy.filters.http.ext_authz";
    internal const string ProfileKey = "phigate.redaction_profile";

    private RedactionProfile _profile = services.Profiles.Default;
    private bool _profileRead;

    private void ReadProfile(ProcessingRequest message)
    {
        if (_profileRead || message.MetadataContext is null)
        {
            return;
        }

        _profileRead = true;
        if (message.MetadataContext.FilterMetadata.TryGetValue(AuthzNamespace, out var authz)
            && authz.Fields.TryGetValue(ProfileKey, out var value)
            && value.KindCase == Google.Protobuf.WellKnownTypes.Value.KindOneofCase.StringValue)
        {
            if (services.Profiles.TryGet(value.StringValue, out var profile))
            {
                _profile = profile;
                return;
            }

            // An unknown name falls back to the strictest profile; the name is not logged.
            ExtProcLog.UnknownRedactionProfile(logger);
        }
    }
}
