using System.Numerics;
using PhiGate.Rego.Values;

namespace PhiGate.Rego.Builtins;

/// <summary>Arithmetic operators (<c>+ - * / %</c>, where <c>-</c> is also set difference) and <c>abs</c>, <c>round</c>, <c>ceil</c>, <c>floor</c>.</summary>
internal static class ArithmeticBuiltins
{
    private static readonly string[] NumNum = ["number", "number"];
    private static readonly string[] Num = ["number"];

    public static void Register(BuiltinRegistry r)
    {
        r.Add("plus", NumNum, "number", static (_, a) => NumberMath.Add(Args.Number(a, 0), Args.Number(a, 1)));
        r.Add("mul", NumNum, "number", static (_, a) => NumberMath.Multiply(Args.Number(a, 0), Args.Number(a, 1)));
        r.Add("div", NumNum, "number", static (_, a) => NumberMath.Divide(Args.Number(a, 0), Args.Number(a, 1)));
        r.Add("rem", NumNum, "number", static (_, a) => NumberMath.Remainder(Args.Number(a, 0), Args.Number(a, 1)));
        r.Add("minus", ["any<number, set[any]>", "any<number, set[any]>"], "any<number, set[any]>", Minus);
        r.Add("abs", Num, "number", static (_, a) => Abs(Args.Number(a, 0)));
        r.Add("round", Num, "number", static (_, a) => Rounded(Args.Number(a, 0), static d => Math.Round(d, MidpointRounding.AwayFromZero), static d => Math.Round(d, MidpointRounding.AwayFromZero)));
        r.Add("ceil", Num, "number", static (_, a) => Rounded(Args.Number(a, 0), Math.Ceiling, Math.Ceiling));
        r.Add("floor", Num, "number", static (_, a) => Rounded(Args.Number(a, 0), Math.Floor, Math.Floor));
    }

    private static Value Minus(BuiltinContext ctx, ReadOnlySpan<Value> a)
    {
        if (a[0] is NumberValue x && a[1] is NumberValue y)
        {
            return NumberMath.Subtract(x, y);
        }

        if (a[0] is SetValue s && a[1] is SetValue t)
        {
            var list = new List<Value>(s.Count);
            foreach (var v in s.Items)
            {
                if (!t.Contains(v))
                {
                    list.Add(v);
                }
            }

            return SetValue.FromSortedUnique([.. list]);
        }

        if (a[0] is not NumberValue and not SetValue)
        {
            throw BuiltinErrors.OperandOneOf(0, a[0], "number", "set");
        }

        throw a[0] is NumberValue ? BuiltinErrors.Operand(1, "number", a[1]) : BuiltinErrors.Operand(1, "set", a[1]);
    }

    private static Value Abs(NumberValue n)
    {
        if (n.IsInteger && n.TryGetBigInteger(out var b))
        {
            return Value.From(BigInteger.Abs(b));
        }

        return n.TryGetDecimal(out var d) ? NumberValue.FromDecimal(Math.Abs(d)) : Value.From(Math.Abs(n.AsDouble));
    }

    private static Value Rounded(NumberValue n, Func<decimal, decimal> dec, Func<double, double> dbl)
    {
        if (n.IsInteger)
        {
            return n;
        }

        return n.TryGetDecimal(out var d) ? NumberValue.FromDecimal(dec(d)) : Value.From(dbl(n.AsDouble));
    }
}
