using PhiGate.Rego.Values;

namespace PhiGate.Rego.Builtins;

/// <summary>Aggregates over arrays and sets: <c>sum</c>, <c>product</c>, <c>max</c>, <c>min</c>, <c>sort</c>, <c>any</c>, <c>all</c>.</summary>
internal static class AggregateBuiltins
{
    private static readonly string[] Collection = ["any<array[any], set[any]>"];
    private static readonly string[] NumberCollection = ["any<array[number], set[number]>"];

    public static void Register(BuiltinRegistry r)
    {
        r.Add("sum", NumberCollection, "number", static (_, a) => Fold(a, Value.From(0), NumberMath.Add));
        r.Add("product", NumberCollection, "number", static (_, a) => Fold(a, Value.From(1), NumberMath.Multiply));
        r.Add("max", Collection, "any", static (_, a) => Extreme(a, max: true));
        r.Add("min", Collection, "any", static (_, a) => Extreme(a, max: false));
        r.Add("sort", Collection, "array[any]", Sort);
        r.Add("any", Collection, "boolean", static (_, a) => Value.From(Items(a).ToArray().Any(static v => v == Value.True)));
        r.Add("all", Collection, "boolean", static (_, a) => Value.From(Items(a).ToArray().All(static v => v == Value.True)));
    }

    private static ReadOnlySpan<Value> Items(ReadOnlySpan<Value> a) => a[0] switch
    {
        ArrayValue x => x.Items,
        SetValue x => x.Items,
        _ => throw BuiltinErrors.OperandOneOf(0, a[0], "set", "array"),
    };

    private static Value Fold(ReadOnlySpan<Value> a, Value seed, Func<NumberValue, NumberValue, Value> op)
    {
        var acc = (NumberValue)seed;
        foreach (var v in Items(a))
        {
            if (v is not NumberValue n)
            {
                throw BuiltinErrors.Type($"operand 1 must be {a[0].TypeName} of numbers but got {a[0].TypeName} containing {v.TypeName}");
            }

            acc = (NumberValue)op(acc, n);
        }

        return acc;
    }

    private static Value? Extreme(ReadOnlySpan<Value> a, bool max)
    {
        var items = Items(a);
        if (items.Length == 0)
        {
            return null;
        }

        var best = items[0];
        foreach (var v in items[1..])
        {
            var c = Value.Compare(v, best);
            if (max ? c > 0 : c < 0)
            {
                best = v;
            }
        }

        return best;
    }

    private static Value Sort(BuiltinContext ctx, ReadOnlySpan<Value> a)
    {
        var copy = Items(a).ToArray();
        Array.Sort(copy, ValueComparer.Instance);
        return Value.NewArray(copy);
    }
}
