using System.Numerics;
using PhiGate.Rego.Values;

namespace PhiGate.Rego.Builtins;

/// <summary>Exact integer arithmetic with decimal/double fallback, shared by the arithmetic builtins.</summary>
internal static class NumberMath
{
    public static Value Add(NumberValue a, NumberValue b)
    {
        if (a.TryGetInt64(out var x) && b.TryGetInt64(out var y) && a.IsInteger && b.IsInteger)
        {
            var r = x + y;
            return ((x ^ r) & (y ^ r)) < 0 ? Value.From((BigInteger)x + y) : Value.From(r);
        }

        if (a.IsInteger && b.IsInteger && a.TryGetBigInteger(out var bx) && b.TryGetBigInteger(out var by))
        {
            return Value.From(bx + by);
        }

        return Decimal(a, b, static (p, q) => p + q) ?? Value.From(a.AsDouble + b.AsDouble);
    }

    public static Value Subtract(NumberValue a, NumberValue b)
    {
        if (a.IsInteger && b.IsInteger && a.TryGetBigInteger(out var bx) && b.TryGetBigInteger(out var by))
        {
            return Value.From(bx - by);
        }

        return Decimal(a, b, static (p, q) => p - q) ?? Value.From(a.AsDouble - b.AsDouble);
    }

    public static Value Multiply(NumberValue a, NumberValue b)
    {
        if (a.IsInteger && b.IsInteger && a.TryGetBigInteger(out var bx) && b.TryGetBigInteger(out var by))
        {
            return Value.From(bx * by);
        }

        return Decimal(a, b, static (p, q) => p * q) ?? Value.From(a.AsDouble * b.AsDouble);
    }

    public static Value Divide(NumberValue a, NumberValue b)
    {
        if (b.AsDouble == 0 && IsZero(b))
        {
            throw BuiltinErrors.Fail("divide by zero");
        }

        if (a.IsInteger && b.IsInteger && a.TryGetBigInteger(out var bx) && b.TryGetBigInteger(out var by))
        {
            var q = BigInteger.DivRem(bx, by, out var rem);
            if (rem.IsZero)
            {
                return Value.From(q);
            }
        }

        return Decimal(a, b, static (p, q) => p / q) ?? Value.From(a.AsDouble / b.AsDouble);
    }

    public static Value Remainder(NumberValue a, NumberValue b)
    {
        if (!a.TryGetBigInteger(out var x) || !b.TryGetBigInteger(out var y))
        {
            throw BuiltinErrors.Fail("modulo on floating-point number");
        }

        if (y.IsZero)
        {
            throw BuiltinErrors.Fail("modulo by zero");
        }

        return Value.From(BigInteger.Remainder(x, y));
    }

    public static bool IsZero(NumberValue n) => n.TryGetDecimal(out var d) ? d == 0 : n.AsDouble == 0;

    private static Value? Decimal(NumberValue a, NumberValue b, Func<decimal, decimal, decimal> op)
    {
        if (a.TryGetDecimal(out var x) && b.TryGetDecimal(out var y))
        {
            try
            {
                return NumberValue.FromDecimal(op(x, y));
            }
            catch (OverflowException)
            {
                return null;
            }
        }

        return null;
    }
}
