using PhiGate.Rego.Diagnostics;
using PhiGate.Rego.Values;

namespace PhiGate.Rego;

/// <summary>The value of a rule path: defined with a value, undefined, or an error (never an exception).</summary>
public sealed class PolicyResult
{
    private static readonly PolicyResult UndefinedResult = new(null, null);

    private PolicyResult(Value? value, RegoError? error)
    {
        Value = value;
        Error = error;
    }

    /// <summary>Gets the value, or null when undefined or failed.</summary>
    public Value? Value { get; }

    /// <summary>Gets the error, when evaluation failed.</summary>
    public RegoError? Error { get; }

    /// <summary>Gets whether evaluation produced a value.</summary>
    public bool IsDefined => Value is not null;

    /// <summary>Gets whether the value is exactly <c>true</c> (what an allow decision requires; errors are never true).</summary>
    public bool IsTrue => Value is BooleanValue { Value: true };

    internal static PolicyResult Undefined => UndefinedResult;

    internal static PolicyResult Of(Value? v) => v is null ? UndefinedResult : new PolicyResult(v, null);

    internal static PolicyResult Failed(RegoError e) => new(null, e);

    /// <summary>Serialises the value as JSON (<c>null</c> text when undefined).</summary>
    public string ToJson() => Value is null ? "null" : JsonText.Serialize(Value);
}
