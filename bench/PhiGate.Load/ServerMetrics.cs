using System.Globalization;

namespace PhiGate.Load;

/// <summary>
/// What the server counted itself, read from <c>/metrics</c> before and after a measured window: token
/// signature checks, GC totals, and a method's latency as the cumulative buckets of
/// <c>phigate_grpc_call_duration_seconds</c>. The histogram times the handler from the interceptor's
/// entry to its return, as OPA-Envoy's published handler figures do, so it leaves out the client, the socket and
/// the wait for a core that the load generator's own figures include.
/// </summary>
internal sealed class ServerMetrics
{
    private const string Bucket = "phigate_grpc_call_duration_seconds_bucket{";
    private const string Signatures = "phigate_authz_token_signature_checks_total";
    private readonly SortedDictionary<double, long> _cumulative;

    private ServerMetrics(SortedDictionary<double, long> cumulative, long signatureChecks, GcTotals gc)
    {
        _cumulative = cumulative;
        SignatureChecks = signatureChecks;
        Gc = gc;
    }

    /// <summary>Token signatures the server has verified since it started.</summary>
    public long SignatureChecks { get; }

    /// <summary>The server's allocation and collections since it started, from the same reading.</summary>
    public GcTotals Gc { get; }

    public static async Task<ServerMetrics> ScrapeAsync(Uri metrics, string service, string method)
    {
        var samples = await MetricsScrape.ReadAsync(metrics);
        var cumulative = new SortedDictionary<double, long>();
        var serviceLabel = $"service=\"{service}\"";
        var methodLabel = $"method=\"{method}\"";
        foreach (var (series, value) in samples)
        {
            if (!series.StartsWith(Bucket, StringComparison.Ordinal) || !series.Contains(serviceLabel, StringComparison.Ordinal) || !series.Contains(methodLabel, StringComparison.Ordinal))
            {
                continue;
            }

            var le = Label(series, "le");
            var bound = le == "+Inf" ? double.PositiveInfinity : double.Parse(le, CultureInfo.InvariantCulture);
            // Summed over status codes.
            cumulative[bound] = cumulative.GetValueOrDefault(bound) + (long)value;
        }

        return new ServerMetrics(cumulative, (long)samples.GetValueOrDefault(Signatures), GcTotals.From(samples));
    }

    /// <summary>Calls in the window and the smallest bucket bound (seconds) holding the given fraction of them.</summary>
    public (long Calls, double Bound) Percentile(ServerMetrics before, double fraction)
    {
        ArgumentNullException.ThrowIfNull(before);
        var total = _cumulative.GetValueOrDefault(double.PositiveInfinity) - before._cumulative.GetValueOrDefault(double.PositiveInfinity);
        foreach (var (bound, count) in _cumulative)
        {
            if (count - before._cumulative.GetValueOrDefault(bound) >= fraction * total)
            {
                return (total, bound);
            }
        }

        return (total, double.PositiveInfinity);
    }

    private static string Label(string line, string name)
    {
        var start = line.IndexOf(name + "=\"", StringComparison.Ordinal) + name.Length + 2;
        return line[start..line.IndexOf('"', start)];
    }
}
