using System.Runtime.CompilerServices;
using System.Text.Json;

namespace PhiGate.Audit;

/// <summary>The event-specific fields; names are the schema's public contract.</summary>
internal sealed partial class RecordEncoder
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void WriteDecision(RecordWriter json, DecisionEvent e)
    {
        WritePlain(json, RecordNames.RequestId, e.RequestId);
        WritePlain(json, RecordNames.TraceId, e.TraceId);
        json.String(RecordNames.Decision, e.Decision == AuditDecision.Allow ? RecordNames.Allow : RecordNames.Deny);
        WritePlain(json, RecordNames.Reason, e.ReasonCode);
        if (e.HttpStatus is { } status)
        {
            json.Number(RecordNames.Status, status);
        }

        WritePlain(json, RecordNames.PolicyRevision, e.PolicyRevision);
        WriteRoute(json, e.Route);
        WriteClient(json, e.Client);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void WriteRedaction(RecordWriter json, RedactionEvent e)
    {
        WritePlain(json, RecordNames.RequestId, e.RequestId);
        WritePlain(json, RecordNames.TraceId, e.TraceId);
        json.String(RecordNames.Direction, e.Direction == RedactionDirection.Request ? RecordNames.Request : RecordNames.Response);
        json.String(RecordNames.Action, e.Action switch
        {
            RedactionAction.Passed => RecordNames.Passed,
            RedactionAction.Redacted => RecordNames.Redacted,
            _ => RecordNames.Blocked,
        });
        WritePlain(json, RecordNames.Profile, e.Profile);
        WritePlain(json, RecordNames.Content, e.ContentKind);
        WritePlain(json, RecordNames.Reason, e.ReasonCode);
        WriteRoute(json, e.Route);
        WriteClient(json, e.Client);
        WriteFindings(json, e.Findings);
        WriteIdentifiers(json, e.Identifiers);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void WriteRoute(RecordWriter json, AuditRoute? route)
    {
        if (route is null)
        {
            return;
        }

        WritePlain(json, RecordNames.Method, route.Method);
        WritePlain(json, RecordNames.Path, route.PathTemplate);
        WriteDigests(json, RecordNames.ResourceIds, route.ResourceIds, int.MaxValue);
        if (route.Query is { Count: > 0 } query)
        {
            // Parameter names come from the caller's URL: a name that is not a plain token is not written;
            // its value's digest goes to query_unnamed instead.
            var ordered = query.Where(p => p.Value is not null).OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
            json.StartObject(RecordNames.Query);
            foreach (var (name, digest) in ordered.Where(p => IsParameterName(p.Key)))
            {
                json.String(name, digest.Value);
            }

            json.EndObject();
            if (ordered.Any(p => !IsParameterName(p.Key)))
            {
                json.StartArray(RecordNames.QueryUnnamed);
                foreach (var (_, digest) in ordered.Where(p => !IsParameterName(p.Key)))
                {
                    json.StringValue(digest.Value);
                }

                json.EndArray();
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void WriteClient(RecordWriter json, AuditClient? client)
    {
        if (client is null)
        {
            return;
        }

        WritePlain(json, RecordNames.CertificateThumbprint, client.CertificateThumbprint);
        WritePlain(json, RecordNames.SpiffeId, client.SpiffeId);
        WritePlain(json, RecordNames.Issuer, client.Issuer);
        WritePlain(json, RecordNames.ClientId, client.ClientId);
        WriteDigest(json, RecordNames.Subject, client.Subject);
        if (client.Scopes is { Count: > 0 } scopes)
        {
            json.StartArray(RecordNames.Scopes);
            foreach (var scope in scopes)
            {
                json.StringValue(Cut(scope));
            }

            json.EndArray();
        }

        WriteDigest(json, RecordNames.Source, client.SourceAddress);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void WriteFindings(RecordWriter json, IReadOnlyDictionary<string, int>? findings)
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

        json.StartObject(RecordNames.Findings);
        foreach (var (category, count) in counts)
        {
            json.Number(category, count);
        }

        json.EndObject();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void WriteIdentifiers(RecordWriter json, IReadOnlyList<AuditDigest>? identifiers)
    {
        WriteDigests(json, RecordNames.Identifiers, identifiers, MaxIdentifiers);
        if (identifiers is { Count: > MaxIdentifiers })
        {
            json.Number(RecordNames.IdentifiersOmitted, identifiers.Count - MaxIdentifiers);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void WriteDigests(RecordWriter json, JsonEncodedText name, IReadOnlyList<AuditDigest>? digests, int max)
    {
        if (digests is not { Count: > 0 })
        {
            return;
        }

        json.StartArray(name);
        for (var i = 0; i < digests.Count && i < max; i++)
        {
            if (digests[i] is { } digest)
            {
                json.StringValue(digest.Value);
            }
        }

        json.EndArray();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void WriteDigest(RecordWriter json, JsonEncodedText name, AuditDigest? digest)
    {
        if (digest is not null)
        {
            json.String(name, digest.Value);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void WritePlain(RecordWriter json, JsonEncodedText name, string? value)
    {
        if (value is not null)
        {
            json.String(name, Cut(value));
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
