using Envoy.Service.ExtProc.V3;
using PhiGate.Redaction;
using PhiGate.Redaction.Detection;

namespace PhiGate.ExtProc.Redaction;

/// <summary>
/// Decides whether a request's URL or headers carry PHI: identifiers the detectors find with high
/// precision (SSN, email, phone, record and plan numbers, names with context, street addresses), and
/// query parameters whose presence alone is PHI (FHIR search by name or birth date). Dates alone do not
/// count: FHIR search by date range is ordinary.
/// </summary>
internal sealed class RequestPhiScanner(IEnumerable<string> phiQueryParameters)
{
    private static readonly HashSet<string> UnscannedHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        ":method", ":scheme", ":authority", ":path", "host", "authorization", "proxy-authorization", "cookie",
        "user-agent", "accept", "accept-encoding", "accept-language", "content-type", "content-length",
        "x-request-id", "traceparent", "tracestate", "b3", "te", "connection", "via", "x-real-ip",
    };

    private static readonly PhiCategory[] RefusedCategories =
    [
        PhiCategory.Name, PhiCategory.Address, PhiCategory.Phone, PhiCategory.Fax, PhiCategory.Email, PhiCategory.Ssn,
        PhiCategory.MedicalRecordNumber, PhiCategory.HealthPlanNumber, PhiCategory.AccountNumber,
        PhiCategory.LicenseNumber, PhiCategory.VehicleId, PhiCategory.Biometric, PhiCategory.OtherId,
    ];

    private readonly HashSet<string> _phiParameters = new(phiQueryParameters, StringComparer.OrdinalIgnoreCase);

    [ThreadStatic]
    private static List<PhiMatch>? t_matches;

    /// <summary>The first refused category found, or null when the request is clean.</summary>
    /// <remarks>
    /// Header values are decoded only for the headers that are scanned: a request's authorization and
    /// cookie values (often kilobytes) are skipped by name, never turned into strings.
    /// </remarks>
    public PhiCategory? Scan(string path, HttpHeaders? headers)
    {
        if (ScanPath(path) is { } found)
        {
            return found;
        }

        if (headers?.Headers is null)
        {
            return null;
        }

        foreach (var header in headers.Headers.Headers)
        {
            var name = header.Key;
            if (UnscannedHeaders.Contains(name) || name.StartsWith("x-envoy-", StringComparison.OrdinalIgnoreCase)
                || name.StartsWith("x-phigate-", StringComparison.OrdinalIgnoreCase) || name.StartsWith("x-b3-", StringComparison.OrdinalIgnoreCase)
                || name.StartsWith("x-forwarded-", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var value = header.RawValue.IsEmpty ? header.Value : header.RawValue.ToStringUtf8();
            if ((name.Equals("referer", StringComparison.OrdinalIgnoreCase) ? ScanPath(value) : ScanText(value)) is { } inHeader)
            {
                return inHeader;
            }
        }

        return null;
    }

    private PhiCategory? ScanPath(string path)
    {
        var question = path.IndexOf('?', StringComparison.Ordinal);
        if (question >= 0)
        {
            foreach (var pair in path[(question + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                var key = Decode(equals < 0 ? pair : pair[..equals]);
                var colon = key.IndexOf(':', StringComparison.Ordinal);
                key = colon >= 0 ? key[..colon] : key;
                if (_phiParameters.Contains(key) && equals >= 0 && equals < pair.Length - 1)
                {
                    return PhiCategory.OtherId;
                }
            }
        }

        // Path segments and query values are scanned with separators turned into spaces, so that each
        // value is seen on its own ("/Patient/123-45-6789/" and "?q=a%40b.org&x=1").
        var decoded = Decode(path).Replace('/', ' ').Replace('&', ' ').Replace('=', ' ').Replace('?', ' ');
        return ScanText(decoded);
    }

    private static PhiCategory? ScanText(string text)
    {
        var matches = t_matches ??= [];
        matches.Clear();
        PhiDetector.Detect(text, matches);
        foreach (var match in matches)
        {
            if (Array.IndexOf(RefusedCategories, match.Category) >= 0)
            {
                return match.Category;
            }
        }

        return null;
    }

    private static string Decode(string value)
    {
        try
        {
            return Uri.UnescapeDataString(value.Replace('+', ' '));
        }
        catch (UriFormatException)
        {
            return value;
        }
    }
}
