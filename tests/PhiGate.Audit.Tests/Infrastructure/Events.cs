namespace PhiGate.Audit.Tests;

/// <summary>Sample events; every personal value goes through the trail's digest.</summary>
internal static class Events
{
    public static DecisionEvent Decision(IAuditTrail trail, int n, string subject = "patient-user-1") => new()
    {
        RequestId = $"req-{n}",
        TraceId = "4bf92f3577b34da6a3ce929d0e0e4736",
        Decision = n % 3 == 0 ? AuditDecision.Deny : AuditDecision.Allow,
        ReasonCode = n % 3 == 0 ? "policy_deny" : "policy_allow",
        HttpStatus = n % 3 == 0 ? 403 : 200,
        PolicyRevision = "rev-7",
        Route = new AuditRoute
        {
            Method = "GET",
            PathTemplate = "/fhir/Patient/{id}",
            ResourceIds = [trail.Digest($"patient-{n}")],
            Query = new Dictionary<string, AuditDigest> { ["identifier"] = trail.Digest("123-45-6789") },
        },
        Client = new AuditClient
        {
            CertificateThumbprint = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
            SpiffeId = "spiffe://cluster.local/ns/ehr/sa/frontend",
            Issuer = "https://idp.example",
            ClientId = "ehr-frontend",
            Subject = trail.Digest(subject),
            Scopes = ["patient/*.read", "openid"],
            SourceAddress = trail.Digest("10.1.2.3"),
        },
    };

    public static RedactionEvent Redaction(IAuditTrail trail, int n) => new()
    {
        RequestId = $"req-{n}",
        Direction = RedactionDirection.Response,
        Action = RedactionAction.Redacted,
        Profile = "clinician",
        ContentKind = "fhir",
        Findings = new Dictionary<string, int> { ["ssn"] = 2, ["mrn"] = 1 },
        Identifiers = [trail.Digest("123-45-6789"), trail.Digest("MRN-000123")],
    };

    /// <summary>Appends <paramref name="count"/> decision events and fails the test if one is refused.</summary>
    public static void AppendDecisions(IAuditTrail trail, int count, int first = 0)
    {
        for (var i = first; i < first + count; i++)
        {
            if (!trail.TryAppend(Decision(trail, i)))
            {
                throw new AssertionException($"event {i} was refused");
            }
        }
    }
}
