using System.Text;

namespace PhiGate.Rego.Values;

/// <summary>The Rego <c>null</c>.</summary>
public sealed class NullValue : Value
{
    internal static readonly NullValue Instance = new();

    private NullValue()
    {
    }

    /// <inheritdoc />
    public override ValueKind Kind => ValueKind.Null;

    /// <inheritdoc />
    public override int GetHashCode() => 0x6e756c6c;

    private protected override int CompareSameKind(Value other) => 0;

    internal override void WriteRego(StringBuilder sb) => sb.Append("null");
}
