using System.Diagnostics.CodeAnalysis;

namespace PhiGate.Audit;

/// <summary>A loaded key or a one-line, non-revealing reason why not.</summary>
internal readonly record struct KeyLoadResult<T>(T? Value, string? Error)
    where T : class
{
    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Value is not null;

    public static KeyLoadResult<T> Ok(T value) => new(value, null);

    public static KeyLoadResult<T> Fail(string error) => new(null, error);
}
