using System.Numerics;

namespace PhiGate.Rego.Builtins;

/// <summary>The Go type an argument of <c>sprintf</c> has once OPA converted it from a Rego value.</summary>
internal enum GoFormatKind
{
    /// <summary>An integer that fits Go's <c>int</c> (64 bits).</summary>
    Int,

    /// <summary>A larger integer, formatted as Go's <c>*big.Int</c>.</summary>
    BigInt,

    /// <summary>A non-integral number (Go <c>float64</c>).</summary>
    Float,

    /// <summary>A string; every non-number, non-string value arrives as its Rego text.</summary>
    String,
}

/// <summary>One <c>sprintf</c> argument.</summary>
internal readonly record struct GoFormatArg(GoFormatKind Kind, BigInteger Integer, double Float, string Text)
{
    public static GoFormatArg FromInteger(BigInteger value) =>
        new(value >= long.MinValue && value <= long.MaxValue ? GoFormatKind.Int : GoFormatKind.BigInt, value, 0, string.Empty);

    public static GoFormatArg FromFloat(double value) => new(GoFormatKind.Float, BigInteger.Zero, value, string.Empty);

    public static GoFormatArg FromString(string value) => new(GoFormatKind.String, BigInteger.Zero, 0, value);

    public string GoTypeName => Kind switch
    {
        GoFormatKind.Int => "int",
        GoFormatKind.BigInt => "*big.Int",
        GoFormatKind.Float => "float64",
        _ => "string",
    };
}
