namespace PhiGate.Audit;

/// <summary>The event-specific fields; names are the schema's public contract.</summary>
internal sealed partial class RecordEncoder
{
    private void WriteDecision(DecisionEvent e)
    {
        WritePlain("request_id", e.RequestId);
        WritePlain("trace_id", e.TraceId);
        _json.WriteString("decision", e.Decision == AuditDecision.Allow ? "allow" : "deny");
        WritePlain("reason", e.ReasonCode);
        if (e.HttpStatus is { } status)
        {
            _json.WriteNumber("status", status);
        }

        WritePlain("policy_revision", e.PolicyRevision);
        WriteRoute(e.Route);
        WriteClient(e.Client);
    }

    private void WriteRedaction(RedactionEvent e)
    {
        WritePlain("request_id", e.RequestId);
        WritePlain("trace_id", e.TraceId);
        _json.WriteString("direction", e.Direction == RedactionDirection.Request ? "request" : "response");
        _json.WriteString("action", e.Action switch
        {
            RedactionAction.Passed => "passed",
            RedactionAction.Redacted => "redacted",
            _ => "blocked",
        });
        WritePlain("profile", e.Profile);
        WritePlain("content", e.ContentKind);
        WritePlain("reason", e.ReasonCode);
        WriteRoute(e.Route);
        WriteClient(e.Client);
        WriteFindings(e.Findings);
        WriteIdentifiers(e.Identifiers);
    }

    private void WriteRoute(AuditRoute? route)
    {
        if (route is null)
        {
            return;
        }

        WritePlain("method", route.Method);
        WritePlain("path", route.PathTemplate);
        WriteDigests("resource_ids", route.ResourceIds, int.MaxValue);
        if (route.Query is { Count: > 0 } query)
        {
            _json.WriteStartObject("query");
            foreach (var (name, digest) in query.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                if (digest is not null)
                {
                    _json.WriteString(Cut(name), digest.Value);
                }
            }

            _json.WriteEndObject();
        }
    }

    private void WriteClient(AuditClient? client)
    {
        if (client is null)
        {
            return;
        }

        WritePlain("cert_sha256", client.CertificateThumbprint);
        WritePlain("spiffe_id", client.SpiffeId);
        WritePlain("issuer", client.Issuer);
        WritePlain("client_id", client.ClientId);
        WriteDigest("subject", client.Subject);
        if (client.Scopes is { Count: > 0 } scopes)
        {
            _json.WriteStartArray("scopes");
            foreach (var scope in scopes)
            {
                _json.WriteStringValue(Cut(scope));
            }

            _json.WriteEndArray();
        }

        WriteDigest("source", client.SourceAddress);
    }

    private void WriteFindings(IReadOnlyDictionary<string, int>? findings)
    {
        if (findings is not { Count: > 0 })
        {
            return;
        }

        // Category names are meant to be a fixed vocabulary; anything else is counted as "other" so a
        // mistaken caller cannot smuggle a value into the trail as a key.
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var (category, count) in findings)
        {
            var key = IsCategory(category) ? category : "other";
            counts[key] = counts.GetValueOrDefault(key) + Math.Max(0, count);
        }

        _json.WriteStartObject("findings");
        foreach (var (category, count) in counts)
        {
            _json.WriteNumber(category, count);
        }

        _json.WriteEndObject();
    }

    private void WriteIdentifiers(IReadOnlyList<AuditDigest>? identifiers)
    {
        WriteDigests("identifiers", identifiers, MaxIdentifiers);
        if (identifiers is { Count: > MaxIdentifiers })
        {
            _json.WriteNumber("identifiers_omitted", identifiers.Count - MaxIdentifiers);
        }
    }

    private void WriteDigests(string name, IReadOnlyList<AuditDigest>? digests, int max)
    {
        if (digests is not { Count: > 0 })
        {
            return;
        }

        _json.WriteStartArray(name);
        for (var i = 0; i < digests.Count && i < max; i++)
        {
            if (digests[i] is { } digest)
            {
                _json.WriteStringValue(digest.Value);
            }
        }

        _json.WriteEndArray();
    }

    private void WriteDigest(string name, AuditDigest? digest)
    {
        if (digest is not null)
        {
            _json.WriteString(name, digest.Value);
        }
    }

    private void WritePlain(string name, string? value)
    {
        if (value is not null)
        {
            _json.WriteString(name, Cut(value));
        }
    }

    private static ReadOnlySpan<char> Cut(string value) => value.Length <= MaxPlainLength ? value : value.AsSpan(0, MaxPlainLength);

    private static bool IsCategory(string category)
    {
        if (category.Length is 0 or > 64 || !char.IsAsciiLetterLower(category[0]))
        {
            return false;
        }

        foreach (var c in category)
        {
            if (!char.IsAsciiLetterLower(c) && !char.IsAsciiDigit(c) && c is not ('_' or '-' or '.'))
            {
                return false;
            }
        }

        return true;
    }
}
