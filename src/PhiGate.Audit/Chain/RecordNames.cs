using System.Text.Json;

namespace PhiGate.Audit;

/// <summary>
/// Field names and fixed values of the record schema, escaped once: the writer copies them instead of
/// transcoding and escape-checking the same strings for every record.
/// </summary>
internal static class RecordNames
{
    public static readonly JsonEncodedText Time = JsonEncodedText.Encode("time");
    public static readonly JsonEncodedText Type = JsonEncodedText.Encode("type");

    public static readonly JsonEncodedText From = JsonEncodedText.Encode("from");
    public static readonly JsonEncodedText To = JsonEncodedText.Encode("to");
    public static readonly JsonEncodedText Head = JsonEncodedText.Encode("head");
    public static readonly JsonEncodedText Reason = JsonEncodedText.Encode("reason");
    public static readonly JsonEncodedText KeyId = JsonEncodedText.Encode("key_id");
    public static readonly JsonEncodedText Signature = JsonEncodedText.Encode("sig");

    public static readonly JsonEncodedText RequestId = JsonEncodedText.Encode("request_id");
    public static readonly JsonEncodedText TraceId = JsonEncodedText.Encode("trace_id");
    public static readonly JsonEncodedText Decision = JsonEncodedText.Encode("decision");
    public static readonly JsonEncodedText Status = JsonEncodedText.Encode("status");
    public static readonly JsonEncodedText PolicyRevision = JsonEncodedText.Encode("policy_revision");
    public static readonly JsonEncodedText Direction = JsonEncodedText.Encode("direction");
    public static readonly JsonEncodedText Action = JsonEncodedText.Encode("action");
    public static readonly JsonEncodedText Profile = JsonEncodedText.Encode("profile");
    public static readonly JsonEncodedText Content = JsonEncodedText.Encode("content");

    public static readonly JsonEncodedText Method = JsonEncodedText.Encode("method");
    public static readonly JsonEncodedText Path = JsonEncodedText.Encode("path");
    public static readonly JsonEncodedText ResourceIds = JsonEncodedText.Encode("resource_ids");
    public static readonly JsonEncodedText Query = JsonEncodedText.Encode("query");
    public static readonly JsonEncodedText QueryUnnamed = JsonEncodedText.Encode("query_unnamed");

    public static readonly JsonEncodedText CertificateThumbprint = JsonEncodedText.Encode("cert_sha256");
    public static readonly JsonEncodedText SpiffeId = JsonEncodedText.Encode("spiffe_id");
    public static readonly JsonEncodedText Issuer = JsonEncodedText.Encode("issuer");
    public static readonly JsonEncodedText ClientId = JsonEncodedText.Encode("client_id");
    public static readonly JsonEncodedText Subject = JsonEncodedText.Encode("subject");
    public static readonly JsonEncodedText Scopes = JsonEncodedText.Encode("scopes");
    public static readonly JsonEncodedText Source = JsonEncodedText.Encode("source");

    public static readonly JsonEncodedText Findings = JsonEncodedText.Encode("findings");
    public static readonly JsonEncodedText Identifiers = JsonEncodedText.Encode("identifiers");
    public static readonly JsonEncodedText IdentifiersOmitted = JsonEncodedText.Encode("identifiers_omitted");

    public static readonly JsonEncodedText Allow = JsonEncodedText.Encode("allow");
    public static readonly JsonEncodedText Deny = JsonEncodedText.Encode("deny");
    public static readonly JsonEncodedText Request = JsonEncodedText.Encode("request");
    public static readonly JsonEncodedText Response = JsonEncodedText.Encode("response");
    public static readonly JsonEncodedText Passed = JsonEncodedText.Encode("passed");
    public static readonly JsonEncodedText Redacted = JsonEncodedText.Encode("redacted");
    public static readonly JsonEncodedText Blocked = JsonEncodedText.Encode("blocked");

    private static readonly JsonEncodedText[] TypeNames =
    [
        JsonEncodedText.Encode(RecordTypeNames.Decision),
        JsonEncodedText.Encode(RecordTypeNames.Redaction),
        JsonEncodedText.Encode(RecordTypeNames.Checkpoint),
    ];

    public static JsonEncodedText Of(RecordType type) => TypeNames[(int)type];
}
