using PhiGate.Rego.Values;

namespace PhiGate.Rego.Builtins;

/// <summary>Set operators <c>&amp;</c> (<c>and</c>), <c>|</c> (<c>or</c>) and the <c>intersection</c> and <c>union</c> builtins.</summary>
internal static class SetOperatorBuiltins
{
    private static readonly string[] SetSet = ["set", "set"];

    public static void Register(BuiltinRegistry r)
    {
        r.Add("and", SetSet, "set", static (_, a) => Intersect(Args.Set(a, 0), Args.Set(a, 1)));
        r.Add("or", SetSet, "set", static (_, a) => Union(Args.Set(a, 0), Args.Set(a, 1)));
        r.Add("intersection", ["set[set[any]]"], "set", Intersection);
        r.Add("union", ["set[set[any]]"], "set", UnionAll);
    }

    internal static SetValue Intersect(SetValue x, SetValue y)
    {
        var list = new List<Value>();
        foreach (var v in x.Items)
        {
            if (y.Contains(v))
            {
                list.Add(v);
            }
        }

        return SetValue.FromSortedUnique([.. list]);
    }

    internal static SetValue Union(SetValue x, SetValue y)
    {
        var buf = new Value[x.Count + y.Count];
        x.Items.CopyTo(buf);
        y.Items.CopyTo(buf.AsSpan(x.Count));
        return SetValue.FromUnsorted(buf, buf.Length);
    }

    private static Value Intersection(BuiltinContext ctx, ReadOnlySpan<Value> a)
    {
        var sets = Args.Set(a, 0);
        SetValue? acc = null;
        foreach (var v in sets.Items)
        {
            if (v is not SetValue s)
            {
                throw BuiltinErrors.Type($"operand 1 must be set of sets but got set containing {v.TypeName}");
            }

            acc = acc is null ? s : Intersect(acc, s);
        }

        return acc ?? SetValue.Empty;
    }

    private static Value UnionAll(BuiltinContext ctx, ReadOnlySpan<Value> a)
    {
        var sets = Args.Set(a, 0);
        var buf = new List<Value>();
        foreach (var v in sets.Items)
        {
            if (v is not SetValue s)
            {
                throw BuiltinErrors.Type($"operand 1 must be set of sets but got set containing {v.TypeName}");
            }

            foreach (var x in s.Items)
            {
                buf.Add(x);
            }
        }

        return SetValue.FromUnsorted([.. buf], buf.Count);
    }
}
