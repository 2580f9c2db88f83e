using System.Numerics;

namespace PhiGate.Rego.Values;

public abstract partial class Value
{
    /// <summary>Gets the null value.</summary>
    public static Value Null => NullValue.Instance;

    /// <summary>Gets the boolean <c>true</c>.</summary>
    public static Value True => BooleanValue.TrueInstance;

    /// <summary>Gets the boolean <c>false</c>.</summary>
    public static Value False => BooleanValue.FalseInstance;

    /// <summary>Gets the empty string.</summary>
    public static Value EmptyString => StringValue.Empty;

    /// <summary>Creates a boolean.</summary>
    public static Value From(bool b) => b ? BooleanValue.TrueInstance : BooleanValue.FalseInstance;

    /// <summary>Creates a string.</summary>
    public static Value From(string s) => StringValue.Create(s);

    /// <summary>Creates an integer number.</summary>
    public static Value From(long n) => NumberValue.FromInt64(n);

    /// <summary>Creates an integer number.</summary>
    public static Value From(int n) => NumberValue.FromInt64(n);

    /// <summary>Creates an integer number.</summary>
    public static Value From(BigInteger n) => NumberValue.FromBigInteger(n);

    /// <summary>Creates a floating-point number.</summary>
    public static Value From(double d) => NumberValue.FromDouble(d);

    /// <summary>Creates an array.</summary>
    public static Value NewArray(params Value[] items) => ArrayValue.Create(items);

    /// <summary>Creates a set.</summary>
    public static Value NewSet(params Value[] items) => SetValue.Create(items);

    /// <summary>Creates an object with string keys.</summary>
    public static Value NewObject(params (string Key, Value Value)[] entries)
    {
        var b = new ObjectBuilder(entries.Length);
        foreach (var (k, v) in entries)
        {
            b.Add(StringValue.Create(k), v);
        }

        return b.Build();
    }
}
