namespace PhiGate.Testing.Envoy;

/// <summary>The server answered in a way Envoy would reject or treat as spurious (envoy-wire.md §5.3).</summary>
public sealed class EnvoyProtocolViolationException : Exception
{
    public EnvoyProtocolViolationException(string message)
        : base(message)
    {
    }

    public EnvoyProtocolViolationException()
    {
    }

    public EnvoyProtocolViolationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
