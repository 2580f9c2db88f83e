namespace PhiGate.Rego.Values;

/// <summary>Orders values canonically, as OPA sorts them.</summary>
public sealed class ValueComparer : IComparer<Value>
{
    /// <summary>Gets the shared instance.</summary>
    public static ValueComparer Instance { get; } = new();

    /// <inheritdoc />
    public int Compare(Value? x, Value? y)
    {
        if (x is null)
        {
            return y is null ? 0 : -1;
        }

        return y is null ? 1 : Value.Compare(x, y);
    }
}
