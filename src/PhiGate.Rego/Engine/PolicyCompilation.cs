using PhiGate.Rego.Diagnostics;

namespace PhiGate.Rego;

/// <summary>The outcome of compiling policies: an engine, or every error found.</summary>
public sealed class PolicyCompilation
{
    internal PolicyCompilation(PolicyEngine? engine, IReadOnlyList<RegoError> errors)
    {
        Engine = engine;
        Errors = errors;
    }

    /// <summary>Gets the engine when compilation succeeded.</summary>
    public PolicyEngine? Engine { get; }

    /// <summary>Gets the errors (empty on success).</summary>
    public IReadOnlyList<RegoError> Errors { get; }

    /// <summary>Gets whether compilation succeeded.</summary>
    public bool Success => Engine is not null;
}
