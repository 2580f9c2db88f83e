using PhiGate.Rego.Ast;
using PhiGate.Rego.Types;

namespace PhiGate.Rego.Compilation.TypeCheck;

/// <summary>OPA's unification of terms with types: binding unknown variables, and telling when types never meet.</summary>
internal sealed partial class TypeChecker
{
    /// <summary>OPA's <c>unify2</c>: unifies two terms given their current types, binding unknown variables.</summary>
    private bool Unify2(Term a, RegoType? typeA, Term b, RegoType? typeB)
    {
        var nilA = RegoType.IsNil(typeA);
        var nilB = RegoType.IsNil(typeB);
        if (nilA && !nilB)
        {
            return Unify1(a, typeB, union: false);
        }

        if (nilB && !nilA)
        {
            return Unify1(b, typeA, union: false);
        }

        if (!nilA && !nilB)
        {
            return RegoType.Unifies(typeA, typeB);
        }

        switch (a)
        {
            case ArrayTerm arr:
                return Unify2Array(arr, b);
            case ObjectTerm obj:
                return Unify2Object(obj, b);
            case VarTerm:
                switch (b)
                {
                    case VarTerm:
                        return Unify1(a, RegoType.Any, union: false) && Unify1(b, TypeOfSilently(a), union: false);
                    case ArrayTerm barr:
                        return Unify2Array(barr, a);
                    case ObjectTerm bobj:
                        return Unify2Object(bobj, a);
                }

                break;
        }

        // Shapes this checker does not model are left to evaluation.
        return true;
    }

    private bool Unify2Array(ArrayTerm arr, Term b)
    {
        switch (b)
        {
            case ArrayTerm other:
                if (arr.Items.Length != other.Items.Length)
                {
                    return false;
                }

                for (var i = 0; i < arr.Items.Length; i++)
                {
                    if (!Unify2(arr.Items[i], TypeOfSilently(arr.Items[i]), other.Items[i], TypeOfSilently(other.Items[i])))
                    {
                        return false;
                    }
                }

                return true;
            case VarTerm:
                return Unify1(arr, RegoType.Any, union: false) && Unify1(b, TypeOfSilently(arr), union: false);
            default:
                return true;
        }
    }

    private bool Unify2Object(ObjectTerm obj, Term b)
    {
        if (b is VarTerm)
        {
            return Unify1(obj, RegoType.Any, union: false) && Unify1(b, TypeOfSilently(obj), union: false);
        }

        // Pairwise unification of two object patterns is left to evaluation.
        return true;
    }

    /// <summary>OPA's <c>unify1</c>: whether a term can have a type, binding unknown variables to it.</summary>
    private bool Unify1(Term term, RegoType? type, bool union)
    {
        switch (term)
        {
            case ArrayTerm arr:
                switch (type)
                {
                    case ArrayType at:
                        if (arr.Items.Length != at.Static.Length && at.Dynamic is null)
                        {
                            return false;
                        }

                        for (var i = 0; i < arr.Items.Length; i++)
                        {
                            if (!Unify1(arr.Items[i], at.Select(i), union))
                            {
                                return false;
                            }
                        }

                        return true;
                    case AnyType any:
                        return UnifyAny(term, arr.Items, any);
                    default:
                        return false;
                }

            case SetTerm set:
                switch (type)
                {
                    case SetType st:
                        return set.Items.All(x => Unify1(x, st.Of, union));
                    case AnyType any:
                        return UnifyAny(term, set.Items, any);
                    default:
                        return false;
                }

            case ObjectTerm obj:
                switch (type)
                {
                    case ObjectType ot:
                        if (obj.Entries.Length != ot.Static.Length && !ot.HasDynamic)
                        {
                            return false;
                        }

                        foreach (var (k, v) in obj.Entries)
                        {
                            if (k is ValueTerm kv)
                            {
                                if (RegoType.Select(ot, kv.Value) is not { } child || !Unify1(v, child, union))
                                {
                                    return false;
                                }
                            }
                            else
                            {
                                Unify1(v, RegoType.Any, union);
                            }
                        }

                        return true;
                    case AnyType any:
                        return UnifyAny(term, [.. obj.Entries.SelectMany(p => new[] { p.Key, p.Value })], any);
                    default:
                        return false;
                }

            case VarTerm v:
                if (v.Slot < 0 || v.Slot >= _slots.Length)
                {
                    // data, input and wildcards hold anything.
                    return true;
                }

                if (!union)
                {
                    if (_slots[v.Slot] is { } exist)
                    {
                        return RegoType.Unifies(exist, type);
                    }

                    _slots[v.Slot] = type;
                }
                else
                {
                    _slots[v.Slot] = RegoType.Or(_slots[v.Slot], type);
                }

                return true;
            default:
                var t = TypeOf(term);
                // An unknown type is left to evaluation rather than reported.
                return t is null || RegoType.Unifies(t, type);
        }
    }

    private bool UnifyAny(Term term, Term[] items, AnyType any)
    {
        if (any.IsAny)
        {
            foreach (var x in items)
            {
                Unify1(x, RegoType.Any, union: true);
            }

            return true;
        }

        var ok = false;
        foreach (var m in any.Members)
        {
            ok = Unify1(term, m, union: true) || ok;
        }

        return ok;
    }
}
