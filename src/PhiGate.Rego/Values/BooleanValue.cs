using System.Text;

namespace PhiGate.Rego.Values;

/// <summary>A Rego boolean.</summary>
public sealed class BooleanValue : Value
{
    internal static readonly BooleanValue TrueInstance = new(true);
    internal static readonly BooleanValue FalseInstance = new(false);

    private BooleanValue(bool value)
    {
        Value = value;
    }

    /// <summary>Gets the boolean.</summary>
    public bool Value { get; }

    /// <inheritdoc />
    public override ValueKind Kind => ValueKind.Boolean;

    /// <inheritdoc />
    public override int GetHashCode() => Value ? 0x74727565 : 0x66616c73;

    private protected override int CompareSameKind(Value other) => Value.CompareTo(((BooleanValue)other).Value);

    internal override void WriteRego(StringBuilder sb) => sb.Append(Value ? "true" : "false");
}
