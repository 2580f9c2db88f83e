using PhiGate.Redaction;
using Prometheus;

namespace PhiGate.ExtProc.Redaction;

/// <summary>Redaction counters; labels are enums only. Children are looked up once (hot path).</summary>
internal static class RedactionMetrics
{
    public static readonly Counter Requests = Metrics.CreateCounter(
        "phigate_extproc_requests_total", "Requests checked for PHI in the URL and headers, by outcome.",
        new CounterConfiguration { LabelNames = ["outcome"], ExemplarBehavior = MetricDefaults.NoExemplars });

    public static readonly Counter Bodies = Metrics.CreateCounter(
        "phigate_redaction_bodies_total", "Response bodies, by outcome (redacted or the refusal reason).",
        new CounterConfiguration { LabelNames = ["outcome"], ExemplarBehavior = MetricDefaults.NoExemplars });

    public static readonly Counter Values = Metrics.CreateCounter(
        "phigate_redaction_values_total", "Values changed by redaction, by identifier category.",
        new CounterConfiguration { LabelNames = ["category"], ExemplarBehavior = MetricDefaults.NoExemplars });

    public static readonly Counter.Child RequestsPassed = Requests.WithLabels("passed");

    public static readonly Counter.Child RequestsRefused = Requests.WithLabels("refused_phi");

    private static readonly Counter.Child BodiesRedacted = Bodies.WithLabels("redacted");

    private static readonly Counter.Child[] Refusals = Enum.GetValues<ResponseRefusal>().Select(r => Bodies.WithLabels(r.ToString())).ToArray();

    public static readonly Counter.Child BodiesAuditUnavailable = Bodies.WithLabels("AuditUnavailable");

    // Index 0 is PhiCategory.None, which never counts.
    private static readonly Counter.Child?[] ValuesByCategory = Enumerable.Range(0, PhiCategories.Count)
        .Select(i => i == 0 ? null : Values.WithLabels(((PhiCategory)i).ToSnakeName())).ToArray();

    public static void Refused(ResponseRefusal reason) => Refusals[(int)reason].Inc();

    public static void Count(RedactionResult result)
    {
        BodiesRedacted.Inc();
        for (var i = 1; i < PhiCategories.Count; i++)
        {
            var count = result.Counts.Get((PhiCategory)i);
            if (count > 0)
            {
                ValuesByCategory[i]!.Inc(count);
            }
        }
    }
}
