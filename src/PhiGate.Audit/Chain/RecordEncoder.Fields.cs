using System.Runtime.CompilerServices;
using System.Text.Json;

namespace PhiGate.Audit;

/// <summary>The event-specific fields; names are the schema's public contract.</summary>
internal sealed partial class RecordEncoder
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void WriteDecision(DecisionEvent e)
    {
        WritePlain(RecordNames.RequestId, e.RequestId);
        WritePlain(RecordNames.TraceId, e.TraceId);
        _json.String(RecordNames.Decision, e.Decision == AuditDecision.Allow ? RecordNames.Allow : RecordNames.Deny);
        WritePlain(RecordNames.Reason, e.ReasonCode);
        if (e.HttpStatus is { } status)
        {
            _json.Number(RecordNames.Status, status);
        }

        WritePlain(RecordNames.PolicyRevision, e.PolicyRevision);
        WriteRoute(e.Route);
        WriteClient(e.Client);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void WriteRedaction(RedactionEvent e)
    {
        WritePlain(RecordNames.RequestId, e.RequestId);
        WritePlain(RecordNames.TraceId, e.TraceId);
        _json.String(RecordNames.Direction, e.Direction == RedactionDirection.Request ? RecordNames.Request : RecordNames.Response);
        _json.String(RecordNames.Action, e.Action switch
        {
            RedactionAction.Passed => RecordNames.Passed,
            RedactionAction.Redacted => RecordNames.Redacted,
            _ => RecordNames.Blocked,
        });
        WritePlain(RecordNames.Profile, e.Profile);
        WritePlain(RecordNames.Content, e.ContentKind);
        WritePlain(RecordNames.Reason, e.ReasonCode);
        WriteRoute(e.Route);
        WriteClient(e.Client);
        WriteFindings(e.Findings);
        WriteIdentifiers(e.Identifiers);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void WriteRoute(AuditRoute? route)
    {
        if (route is null)
        {
            return;
        }

        WritePlain(RecordNames.Method, route.Method);
        WritePlain(RecordNames.Path, route.PathTemplate);
        WriteDigests(RecordNames.ResourceIds, route.ResourceIds, int.MaxValue);
        if (route.Query is { Count: > 0 } query)
        {
            // Parameter names come from the caller's URL: a name that is not a plain token is not written;
            // its value's digest goes to query_unnamed instead.
            var ordered = query.Where(p => p.Value is not null).OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
            _json.StartObject(RecordNames.Query);
            foreach (var (name, digest) in ordered.Where(p => IsParameterName(p.Key)))
            {
                _json.String(name, digest.Value);
            }

            _json.EndObject();
            if (ordered.Any(p => !IsParameterName(p.Key)))
            {
                _json.StartArray(RecordNames.QueryUnnamed);
                foreach (var (_, digest) in ordered.Where(p => !IsParameterName(p.Key)))
                {
                    _json.StringValue(digest.Value);
                }

                _json.EndArray();
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void WriteClient(AuditClient? client)
    {
        if (client is null)
        {
            return;
        }

        WritePlain(RecordNames.CertificateThumbprint, client.CertificateThumbprint);
        WritePlain(RecordNames.SpiffeId, client.SpiffeId);
        WritePlain(RecordNames.Issuer, client.Issuer);
        WritePlain(RecordNames.ClientId, client.ClientId);
        WriteDigest(RecordNames.Subject, client.Subject);
        if (client.Scopes is { Count: > 0 } scopes)
        {
            _json.StartArray(RecordNames.Scopes);
            foreach (var scope in scopes)
            {
                _json.StringValue(Cut(scope));
            }

            _json.EndArray();
        }

        WriteDigest(RecordNames.Source, client.SourceAddress);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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

        _json.StartObject(RecordNames.Findings);
        foreach (var (category, count) in counts)
        {
            _json.Number(category, count);
        }

        _json.EndObject();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void WriteIdentifiers(IReadOnlyList<AuditDigest>? identifiers)
    {
        WriteDigests(RecordNames.Identifiers, identifiers, MaxIdentifiers);
        if (identifiers is { Count: > MaxIdentifiers })
        {
            _json.Number(RecordNames.IdentifiersOmitted, identifiers.Count - MaxIdentifiers);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void WriteDigests(JsonEncodedText name, IReadOnlyList<AuditDigest>? digests, int max)
    {
        if (digests is not { Count: > 0 })
        {
            return;
        }

        _json.StartArray(name);
        for (var i = 0; i < digests.Count && i < max; i++)
        {
            if (digests[i] is { } digest)
            {
                _json.StringValue(digest.Value);
            }
        }

        _json.EndArray();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void WriteDigest(JsonEncodedText name, AuditDigest? digest)
    {
        if (digest is not null)
        {
            _json.String(name, digest.Value);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void WritePlain(JsonEncodedText name, string? value)
    {
        if (value is not null)
        {
            _json.String(name, Cut(value));
        }
    }

    private static ReadOnlySpan<char> Cut(string value) => value.Length <= MaxPlainLength ? value : value.AsSpan(0, MaxPlainLength);

    private static bool IsParameterName(string name)
    {
        if (name.Length is 0 or > 64)
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('_' or '-' or '.' or ':' or '[' or ']'))
            {
                return false;
            }
        }

        return true;
    }

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
