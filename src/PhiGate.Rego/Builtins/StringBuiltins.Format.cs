using System.Numerics;
using PhiGate.Rego.Values;

namespace PhiGate.Rego.Builtins;

internal static partial class StringBuiltins
{
    private static void RegisterFormat(BuiltinRegistry r)
    {
        r.Add("sprintf", ["string", "array[any]"], "string", Sprintf);
        r.Add("format_int", ["number", "number"], "string", FormatInt);
        r.Add("strings.render_template", ["string", "object[string: any]"], "string", static (_, a) =>
            Value.From(GoTemplate.Render(Args.String(a, 0), Args.Object(a, 1))));
    }

    private static Value Sprintf(BuiltinContext ctx, ReadOnlySpan<Value> a)
    {
        var format = Args.String(a, 0);
        if (a[1] is not ArrayValue array)
        {
            throw BuiltinErrors.Operand(1, "array", a[1]);
        }

        var args = new GoFormatArg[array.Count];
        for (var i = 0; i < args.Length; i++)
        {
            args[i] = ToFormatArg(array[i]);
        }

        return Value.From(GoFormatter.Format(format, args));
    }

    /// <summary>Converts a value the way OPA hands it to Go's fmt: integers, floats, strings, else Rego text.</summary>
    internal static GoFormatArg ToFormatArg(Value v) => v switch
    {
        NumberValue n when n.IsInteger && n.TryGetBigInteger(out var b) => GoFormatArg.FromInteger(b),
        NumberValue n => GoFormatArg.FromFloat(n.AsDouble),
        StringValue s => GoFormatArg.FromString(s.Value),
        _ => GoFormatArg.FromString(v.ToString()),
    };

    private static Value FormatInt(BuiltinContext ctx, ReadOnlySpan<Value> a)
    {
        var input = Args.Number(a, 0);
        var numberBase = Args.Number(a, 1);
        if (!numberBase.TryGetInt64(out var b) || b is not (2 or 8 or 10 or 16))
        {
            throw BuiltinErrors.Type("operand 2 must be one of {2, 8, 10, 16}");
        }

        var value = Truncate(input);
        var digits = GoFormatter.Format(b switch { 2 => "%b", 8 => "%o", 10 => "%d", _ => "%x" }, [GoFormatArg.FromInteger(value)]);
        return Value.From(digits);
    }

    /// <summary>Truncates toward zero, exactly for integers and decimals.</summary>
    internal static BigInteger Truncate(NumberValue n)
    {
        if (n.TryGetBigInteger(out var i))
        {
            return i;
        }

        if (n.TryGetDecimal(out var d))
        {
            return new BigInteger(decimal.Truncate(d));
        }

        return new BigInteger(Math.Truncate(n.AsDouble));
    }
}
