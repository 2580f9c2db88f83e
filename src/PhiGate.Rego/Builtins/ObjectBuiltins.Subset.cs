using PhiGate.Rego.Values;

namespace PhiGate.Rego.Builtins;

internal static partial class ObjectBuiltins
{
    private static Value Subset(BuiltinContext ctx, ReadOnlySpan<Value> a) => (a[0], a[1]) switch
    {
        (ObjectValue sup, ObjectValue sub) => Value.From(ObjectSubset(sup, sub)),
        (SetValue sup, SetValue sub) => Value.From(SetSubset(sup, sub)),
        (ArrayValue sup, ArrayValue sub) => Value.From(ArraySubset(sup, sub)),
        (ArrayValue sup, SetValue sub) => Value.From(ArraySetSubset(sup, sub)),
        _ => throw BuiltinErrors.Type("both arguments object.subset must be of the same type or array and set"),
    };

    private static bool ObjectSubset(ObjectValue sup, ObjectValue sub)
    {
        for (var i = 0; i < sub.Count; i++)
        {
            if (!sup.TryGetValue(sub.Keys[i], out var superValue))
            {
                return false;
            }

            var subValue = sub.Values[i];
            if (superValue == subValue)
            {
                continue;
            }

            var ok = (superValue, subValue) switch
            {
                (ObjectValue x, ObjectValue y) => ObjectSubset(x, y),
                (SetValue x, SetValue y) => SetSubset(x, y),
                (ArrayValue x, ArrayValue y) => ArraySubset(x, y),
                _ => false,
            };
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    private static bool SetSubset(SetValue sup, SetValue sub)
    {
        foreach (var v in sub.Items)
        {
            if (!sup.Contains(v))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The whole sub array must appear contiguously in the super array.</summary>
    private static bool ArraySubset(ArrayValue sup, ArrayValue sub)
    {
        if (sub.Count > sup.Count)
        {
            return false;
        }

        for (var start = 0; start + sub.Count <= sup.Count; start++)
        {
            var match = true;
            for (var k = 0; k < sub.Count; k++)
            {
                if (sup[start + k] != sub[k])
                {
                    match = false;
                    break;
                }
            }

            if (match)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Every set element appears somewhere in the array (OPA: false for an empty array).</summary>
    private static bool ArraySetSubset(ArrayValue sup, SetValue sub)
    {
        var unmatched = sub.Count;
        foreach (var v in sup.Items)
        {
            if (sub.Contains(v))
            {
                unmatched--;
            }

            if (unmatched == 0)
            {
                return true;
            }
        }

        return false;
    }
}
