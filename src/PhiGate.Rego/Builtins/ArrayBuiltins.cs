using PhiGate.Rego.Values;

namespace PhiGate.Rego.Builtins;

/// <summary><c>array.concat</c>, <c>array.slice</c>, <c>array.reverse</c>, <c>array.flatten</c>.</summary>
internal static class ArrayBuiltins
{
    public static void Register(BuiltinRegistry r)
    {
        r.Add("array.concat", ["array[any]", "array[any]"], "array[any]", static (_, a) =>
        {
            var x = Args.Array(a, 0);
            var y = Args.Array(a, 1);
            var items = new Value[x.Count + y.Count];
            x.Items.CopyTo(items);
            y.Items.CopyTo(items.AsSpan(x.Count));
            return Value.NewArray(items);
        });
        r.Add("array.slice", ["array[any]", "number", "number"], "array[any]", Slice);
        r.Add("array.reverse", ["array[any]"], "array[any]", static (_, a) =>
        {
            var items = Args.Array(a, 0).Items.ToArray();
            Array.Reverse(items);
            return Value.NewArray(items);
        });
        r.Add("array.flatten", ["array[any]"], "array[any]", static (_, a) =>
        {
            var list = new List<Value>();
            foreach (var v in Args.Array(a, 0).Items)
            {
                if (v is ArrayValue inner)
                {
                    list.AddRange(inner.Items);
                }
                else
                {
                    list.Add(v);
                }
            }

            return Value.NewArray([.. list]);
        });
    }

    private static Value Slice(BuiltinContext ctx, ReadOnlySpan<Value> a)
    {
        var array = Args.Array(a, 0);
        var start = Args.Integer(a, 1);
        var stop = Args.Integer(a, 2);
        if (start.Sign < 0)
        {
            start = 0;
        }

        if (stop > array.Count)
        {
            stop = array.Count;
        }

        if (start >= stop)
        {
            return Value.NewArray();
        }

        return Value.NewArray(array.Items[(int)start..(int)stop].ToArray());
    }
}
