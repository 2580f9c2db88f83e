using System.Globalization;

namespace PhiGate.Load;

/// <summary>
/// The server's own view of a method's latency: the cumulative buckets of <c>phigate_grpc_call_duration_seconds</c>
/// read from <c>/metrics</c> before and after a measured window. It times the handler from the interceptor's
/// entry to its return, as OPA-Envoy's published handler figures do, so it leaves out the client, the socket and
/// the wait for a core that the load generator's own figures include.
/// </summary>
internal sealed class HandlerLatency
{
    private const string Bucket = "phigate_grpc_call_duration_seconds_bucket{";
    private readonly SortedDictionary<double, long> _cumulative;

    private HandlerLatency(SortedDictionary<double, long> cumulative) => _cumulative = cumulative;

    public static async Task<HandlerLatency> ScrapeAsync(HttpClient http, Uri metrics, string service, string method)
    {
        var text = await http.GetStringAsync(metrics);
        var cumulative = new SortedDictionary<double, long>();
        var serviceLabel = $"service=\"{service}\"";
        var methodLabel = $"method=\"{method}\"";
        foreach (var line in text.Split('\n'))
        {
            if (!line.StartsWith(Bucket, StringComparison.Ordinal) || !line.Contains(serviceLabel, StringComparison.Ordinal) || !line.Contains(methodLabel, StringComparison.Ordinal))
            {
                continue;
            }

            var le = Label(line, "le");
            var count = line[(line.LastIndexOf(' ') + 1)..];
            var bound = le == "+Inf" ? double.PositiveInfinity : double.Parse(le, CultureInfo.InvariantCulture);
            // Summed over status codes.
            cumulative[bound] = cumulative.GetValueOrDefault(bound) + (long)double.Parse(count, CultureInfo.InvariantCulture);
        }

        return new HandlerLatency(cumulative);
    }

    /// <summary>Calls in the window and the smallest bucket bound (seconds) holding the given fraction of them.</summary>
    public (long Calls, double Bound) Percentile(HandlerLatency before, double fraction)
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
