using PhiGate.Rego.Values;

namespace PhiGate.Rego.Types;

/// <summary>
/// A static type of a Rego term, as OPA's type checker models it: scalars, arrays and objects with static
/// and dynamic parts, sets, unions (<see cref="AnyType"/>; the empty union is <c>any</c>) and functions.
/// A <c>null</c> reference stands for "not known yet" (OPA prints it as <c>???</c>).
/// </summary>
internal abstract partial class RegoType
{
    public static readonly RegoType Null = new ScalarType(0, "null");
    public static readonly RegoType Boolean = new ScalarType(1, "boolean");
    public static readonly RegoType Number = new ScalarType(2, "number");
    public static readonly RegoType String = new ScalarType(3, "string");

    /// <summary>The type of every value.</summary>
    public static readonly AnyType Any = new([]);

    /// <summary>Gets the position of this kind in OPA's type order.</summary>
    public abstract int Order { get; }

    public static string Print(RegoType? t) => t?.ToString() ?? "???";
}

/// <summary>null, boolean, number or string.</summary>
internal sealed class ScalarType(int order, string name) : RegoType
{
    public override int Order { get; } = order;

    public override string ToString() => name;
}

/// <summary>An array: a fixed prefix of element types, then optionally any number of a dynamic type.</summary>
internal sealed class ArrayType(RegoType?[] statics, RegoType? dynamic) : RegoType
{
    public RegoType?[] Static { get; } = statics;

    public RegoType? Dynamic { get; } = dynamic;

    public override int Order => 4;

    public RegoType? Select(int pos) => pos < 0 ? null : pos < Static.Length ? Static[pos] : Dynamic;

    public override string ToString()
    {
        var s = "array";
        if (Static.Length > 0)
        {
            s += "<" + string.Join(", ", Static.Select(Print)) + ">";
        }

        if (Dynamic is not null)
        {
            s += "[" + Dynamic + "]";
        }

        return s;
    }
}

/// <summary>An object: known keys with their value types, then optionally a dynamic key and value type.</summary>
internal sealed class ObjectType : RegoType
{
    public ObjectType(IEnumerable<(Value Key, RegoType? Type)> statics, RegoType? dynamicKey, RegoType? dynamicValue)
    {
        Static = [.. statics.OrderBy(p => p.Key, ValueComparer.Instance)];
        DynamicKey = dynamicKey;
        DynamicValue = dynamicValue;
    }

    public (Value Key, RegoType? Type)[] Static { get; }

    public RegoType? DynamicKey { get; }

    public RegoType? DynamicValue { get; }

    public bool HasDynamic => DynamicKey is not null || DynamicValue is not null;

    public override int Order => 5;

    public RegoType? Select(Value key)
    {
        foreach (var (k, t) in Static)
        {
            if (k.Equals(key))
            {
                return t;
            }
        }

        if (HasDynamic && Contains(DynamicKey, OfValue(key)))
        {
            return DynamicValue;
        }

        return null;
    }

    public override string ToString()
    {
        var s = "object";
        if (Static.Length > 0)
        {
            s += "<" + string.Join(", ", Static.Select(p => KeyText(p.Key) + ": " + Print(p.Type))) + ">";
        }

        if (HasDynamic)
        {
            s += "[" + Print(DynamicKey) + ": " + Print(DynamicValue) + "]";
        }

        return s;
    }

    private static string KeyText(Value k) => k is StringValue s ? s.Value : k.ToString();
}

/// <summary>A set of elements of one type.</summary>
internal sealed class SetType(RegoType? of) : RegoType
{
    public RegoType? Of { get; } = of;

    public override int Order => 6;

    public override string ToString() => "set[" + Print(Of) + "]";
}

/// <summary>A union of types, kept sorted; with no members it is <c>any</c>.</summary>
internal sealed class AnyType : RegoType
{
    public AnyType(IEnumerable<RegoType> members)
    {
        var list = members.ToList();
        list.Sort(Compare);
        Members = [.. list];
    }

    public RegoType[] Members { get; }

    public bool IsAny => Members.Length == 0;

    public override int Order => 7;

    public bool Contains(RegoType? other)
    {
        if (other is FunctionType)
        {
            return false;
        }

        return IsAny || Members.Any(m => Compare(m, other) == 0);
    }

    public override string ToString() => IsAny ? "any" : "any<" + string.Join(", ", Members.Select(Print)) + ">";
}

/// <summary>A function signature: argument types and a result type.</summary>
internal sealed class FunctionType(RegoType?[] args, RegoType? result) : RegoType
{
    public RegoType?[] Args { get; } = args;

    public RegoType? Result { get; } = result;

    public override int Order => 8;

    public override string ToString() => "(" + string.Join(", ", Args.Select(Print)) + ") => " + Print(Result);
}
