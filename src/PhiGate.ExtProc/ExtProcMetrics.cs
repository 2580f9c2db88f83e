using Prometheus;
using Kind = Envoy.Service.ExtProc.V3.ProcessingRequest.RequestOneofCase;

namespace PhiGate.ExtProc;

/// <summary>ext_proc message counters by kind, and streams by outcome.</summary>
/// <remarks>
/// Every message of every exchange counts, so the labelled children are looked up once, and no exemplar
/// (trace id and timestamp) is taken per increment: on the ext_proc path that cost showed in CPU traces.
/// </remarks>
internal static class ExtProcMetrics
{
    public static readonly Counter Messages = Metrics.CreateCounter(
        "phigate_extproc_messages_total", "ext_proc messages received, by kind.",
        new CounterConfiguration { LabelNames = ["kind"], ExemplarBehavior = MetricDefaults.NoExemplars });

    public static readonly Counter Streams = Metrics.CreateCounter(
        "phigate_extproc_streams_total", "ext_proc streams, by outcome.",
        new CounterConfiguration { LabelNames = ["outcome"], ExemplarBehavior = MetricDefaults.NoExemplars });

    private static readonly Counter.Child[] MessageChildren =
    [
        Messages.WithLabels("none"),
        Messages.WithLabels("request_headers"),
        Messages.WithLabels("response_headers"),
        Messages.WithLabels("request_body"),
        Messages.WithLabels("response_body"),
        Messages.WithLabels("request_trailers"),
        Messages.WithLabels("response_trailers"),
    ];

    private static readonly Counter.Child[] StreamChildren = Enum.GetValues<ExchangeOutcome>().Select(o => Streams.WithLabels(o.ToString())).ToArray();

    /// <summary>The counter of one message kind (the oneof case numbers are the proto field numbers 2..7).</summary>
    public static Counter.Child Message(Kind kind)
    {
        var index = (int)kind - 1;
        return (uint)index < (uint)MessageChildren.Length ? MessageChildren[index] : MessageChildren[0];
    }

    public static Counter.Child Stream(ExchangeOutcome outcome) => StreamChildren[(int)outcome];
}

/// <summary>Settings shared by the ext_proc metrics.</summary>
internal static class MetricDefaults
{
    /// <summary>Never attach an exemplar unless the caller passes one.</summary>
    public static readonly ExemplarBehavior NoExemplars = new() { DefaultExemplarProvider = static (_, _) => Exemplar.None };
}
