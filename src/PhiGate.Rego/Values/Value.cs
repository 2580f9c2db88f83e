using System.Text;

namespace PhiGate.Rego.Values;

/// <summary>
/// An immutable Rego value. Equality and ordering follow OPA: values of different kinds order as
/// null &lt; boolean &lt; number &lt; string &lt; array &lt; object &lt; set, numbers compare by magnitude
/// (so <c>1</c> equals <c>1.0</c>), and collections compare element by element.
/// </summary>
public abstract partial class Value : IEquatable<Value>, IComparable<Value>
{
    private protected Value()
    {
    }

    /// <summary>Gets the kind of this value.</summary>
    public abstract ValueKind Kind { get; }

    /// <summary>Gets OPA's type name (<c>null</c>, <c>boolean</c>, <c>number</c>, <c>string</c>, <c>array</c>, <c>object</c>, <c>set</c>).</summary>
    public string TypeName => Kind switch
    {
        ValueKind.Null => "null",
        ValueKind.Boolean => "boolean",
        ValueKind.Number => "number",
        ValueKind.String => "string",
        ValueKind.Array => "array",
        ValueKind.Object => "object",
        _ => "set",
    };

    /// <summary>Compares two values in OPA's canonical order.</summary>
    public static int Compare(Value a, Value b)
    {
        if (ReferenceEquals(a, b))
        {
            return 0;
        }

        var ka = a.Kind;
        var kb = b.Kind;
        if (ka != kb)
        {
            return ka < kb ? -1 : 1;
        }

        return a.CompareSameKind(b);
    }

    /// <inheritdoc />
    public int CompareTo(Value? other) => other is null ? 1 : Compare(this, other);

    /// <inheritdoc />
    public bool Equals(Value? other)
    {
        if (other is null)
        {
            return false;
        }

        if (ReferenceEquals(this, other))
        {
            return true;
        }

        return Kind == other.Kind && GetHashCode() == other.GetHashCode() && CompareSameKind(other) == 0;
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Value v && Equals(v);

    /// <inheritdoc />
    public abstract override int GetHashCode();

    /// <summary>Compares with a value of the same kind.</summary>
    private protected abstract int CompareSameKind(Value other);

    /// <summary>Writes the value as Rego term text (sets as <c>{1, 2}</c>, empty set as <c>set()</c>).</summary>
    internal abstract void WriteRego(StringBuilder sb);

    /// <summary>Returns the value as Rego term text, as OPA prints terms.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        WriteRego(sb);
        return sb.ToString();
    }

    /// <summary>Gets whether this is a scalar (null, boolean, number or string).</summary>
    public bool IsScalar => Kind <= ValueKind.String;

    public static bool operator ==(Value? a, Value? b) => a is null ? b is null : a.Equals(b);

    public static bool operator !=(Value? a, Value? b) => !(a == b);

    public static bool operator <(Value a, Value b) => Compare(a, b) < 0;

    public static bool operator >(Value a, Value b) => Compare(a, b) > 0;

    public static bool operator <=(Value a, Value b) => Compare(a, b) <= 0;

    public static bool operator >=(Value a, Value b) => Compare(a, b) >= 0;
}
