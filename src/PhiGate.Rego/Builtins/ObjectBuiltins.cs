using PhiGate.Rego.Values;

namespace PhiGate.Rego.Builtins;

/// <summary>
/// <c>object.get</c>, <c>object.keys</c>, <c>object.union</c>, <c>object.union_n</c>, <c>object.remove</c>,
/// <c>object.filter</c> and <c>object.subset</c>.
/// </summary>
internal static partial class ObjectBuiltins
{
    public static void Register(BuiltinRegistry r)
    {
        r.Add("object.get", ["object[any: any]", "any", "any"], "any", Get);
        r.Add("object.keys", ["object[any: any]"], "set[any]", static (_, a) => Value.NewSet(Args.Object(a, 0).Keys.ToArray()));
        r.Add("object.union", ["object[any: any]", "object[any: any]"], "any", static (_, a) => Merge(Args.Object(a, 0), Args.Object(a, 1)));
        r.Add("object.union_n", ["array[object[any: any]]"], "any", UnionN);
        r.Add("object.remove", ["object[any: any]", "any<array[any], object[any: any], set[any]>"], "any", static (_, a) => Select(a, keep: false));
        r.Add("object.filter", ["object[any: any]", "any<array[any], object[any: any], set[any]>"], "any", static (_, a) => Select(a, keep: true));
        r.Add("object.subset", ["any<object[any: any], set[any], array[any]>", "any<object[any: any], set[any], array[any]>"], "any", Subset);
    }

    private static Value Get(BuiltinContext ctx, ReadOnlySpan<Value> a)
    {
        var obj = Args.Object(a, 0);
        if (a[1] is not ArrayValue path)
        {
            return obj.Get(a[1]) ?? a[2];
        }

        return Find(obj, path.Items) ?? a[2];
    }

    /// <summary>Follows a path of keys/indices through objects, arrays and sets; null when absent.</summary>
    internal static Value? Find(Value root, ReadOnlySpan<Value> path)
    {
        var current = root;
        foreach (var segment in path)
        {
            switch (current)
            {
                case ObjectValue o:
                    var next = o.Get(segment);
                    if (next is null)
                    {
                        return null;
                    }

                    current = next;
                    break;
                case ArrayValue arr:
                    if (segment is not NumberValue n || !n.IsInteger || !n.TryGetInt64(out var idx) || idx < 0 || idx >= arr.Count)
                    {
                        return null;
                    }

                    current = arr[(int)idx];
                    break;
                case SetValue s:
                    if (!s.Contains(segment))
                    {
                        return null;
                    }

                    current = segment;
                    break;
                default:
                    return null;
            }
        }

        return current;
    }

    /// <summary>Right-biased recursive merge: nested objects merge, anything else is overwritten.</summary>
    internal static ObjectValue Merge(ObjectValue left, ObjectValue right)
    {
        var b = new ObjectBuilder(left.Count + right.Count);
        for (var i = 0; i < left.Count; i++)
        {
            var key = left.Keys[i];
            var value = left.Values[i];
            if (right.TryGetValue(key, out var other))
            {
                value = value is ObjectValue lo && other is ObjectValue ro ? Merge(lo, ro) : other;
            }

            b.Add(key, value);
        }

        for (var i = 0; i < right.Count; i++)
        {
            if (!left.TryGetValue(right.Keys[i], out _))
            {
                b.Add(right.Keys[i], right.Values[i]);
            }
        }

        return b.Build();
    }

    private static Value UnionN(BuiltinContext ctx, ReadOnlySpan<Value> a)
    {
        var array = Args.Array(a, 0);
        var result = ObjectValue.Empty;
        foreach (var v in array.Items)
        {
            if (v is not ObjectValue o)
            {
                throw BuiltinErrors.Type($"operand 1 must be array of objects but got array containing {v.TypeName}");
            }

            result = Merge(result, o);
        }

        return result;
    }

    private static Value Select(ReadOnlySpan<Value> a, bool keep)
    {
        var obj = Args.Object(a, 0);
        var keys = a[1] switch
        {
            ArrayValue x => x.Items,
            SetValue x => x.Items,
            ObjectValue x => x.Keys,
            _ => throw BuiltinErrors.OperandOneOf(1, a[1], "object", "set", "array"),
        };

        var keySet = new HashSet<Value>(keys.Length);
        foreach (var k in keys)
        {
            keySet.Add(k);
        }

        var b = new ObjectBuilder(obj.Count);
        for (var i = 0; i < obj.Count; i++)
        {
            if (keySet.Contains(obj.Keys[i]) == keep)
            {
                b.Add(obj.Keys[i], obj.Values[i]);
            }
        }

        return b.Build();
    }
}
