using Envoy.Extensions.Filters.Http.ExtProc.V3;

namespace PhiGate.Testing.Envoy;

/// <summary>The parts of Envoy's ext_proc filter configuration that change what goes over the stream.</summary>
public sealed class ExtProcSettings
{
    /// <summary><c>processing_mode</c>; the filter default is headers SEND, bodies NONE, trailers SKIP.</summary>
    public ProcessingMode Mode { get; init; } = new();

    public bool AllowModeOverride { get; init; } = true;

    public bool ObservabilityMode { get; init; }

    public bool SendBodyWithoutWaitingForHeaderResponse { get; init; }

    /// <summary>How long the driver waits for each answer before it calls the server stuck.</summary>
    public TimeSpan MessageTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public static ExtProcSettings Buffered() => new()
    {
        Mode = new ProcessingMode
        {
            RequestHeaderMode = ProcessingMode.Types.HeaderSendMode.Send,
            ResponseHeaderMode = ProcessingMode.Types.HeaderSendMode.Send,
            ResponseBodyMode = ProcessingMode.Types.BodySendMode.Buffered,
        },
    };
}
