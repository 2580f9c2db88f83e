using PhiGate.Redaction;
using Prometheus;

namespace PhiGate.ExtProc.Redaction;

/// <summary>Redaction counters; labels are enums only.</summary>
internal static class RedactionMetrics
{
    public static readonly Counter Requests = Metrics.CreateCounter(
        "phigate_extproc_requests_total", "Requests checked for PHI in the URL and headers, by outcome.",
        new CounterConfiguration { LabelNames = ["outcome"] });

    public static readonly Counter Bodies = Metrics.CreateCounter(
        "phigate_redaction_bodies_total", "Response bodies, by outcome (redacted or the refusal reason).",
        new CounterConfiguration { LabelNames = ["outcome"] });

    public static readonly Counter Values = Metrics.CreateCounter(
        "phigate_redaction_values_total", "Values changed by redaction, by identifier category.",
        new CounterConfiguration { LabelNames = ["category"] });

    public static void Count(RedactionResult result)
    {
        Bodies.WithLabels("redacted").Inc();
        for (var i = 1; i < PhiCategories.Count; i++)
        {
            var count = result.Counts.Get((PhiCategory)i);
            if (count > 0)
            {
                Values.WithLabels(((PhiCategory)i).ToSnakeName()).Inc(count);
            }
        }
    }
}
