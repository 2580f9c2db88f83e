namespace PhiGate.ExtProc;

/// <summary>Creates the handler for a new ext_proc stream.</summary>
public interface IExchangeHandlerFactory
{
    ExchangeHandler Create();
}

/// <summary>The foundation's factory: every message passes unchanged.</summary>
internal sealed class PassThroughHandlerFactory : IExchangeHandlerFactory
{
    public ExchangeHandler Create() => new();
}
