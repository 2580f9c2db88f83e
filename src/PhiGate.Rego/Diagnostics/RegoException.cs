namespace PhiGate.Rego.Diagnostics;

/// <summary>Carries one or more Rego errors through the engine; the facade turns it into a result value.</summary>
internal sealed class RegoException : Exception
{
    public RegoException()
    {
        Errors = [];
    }

    public RegoException(string message)
        : base(message)
    {
        Errors = [new RegoError(ErrorCodes.EvalInternal, message, Location.None)];
    }

    public RegoException(string message, Exception inner)
        : base(message, inner)
    {
        Errors = [new RegoError(ErrorCodes.EvalInternal, message, Location.None)];
    }

    public RegoException(RegoError error)
        : base(error.ToString())
    {
        Errors = [error];
    }

    public RegoException(IReadOnlyList<RegoError> errors)
        : base(string.Join("; ", errors))
    {
        Errors = errors;
    }

    public IReadOnlyList<RegoError> Errors { get; }

    public RegoError Error => Errors[0];
}
