using PhiGate.Rego.Ast;
using PhiGate.Rego.Values;

namespace PhiGate.Rego.Evaluation;

internal sealed partial class Evaluator
{
    private bool Unify(Term a, Term b, Value?[] f, Func<bool> k)
    {
        if (a is VarTerm { Slot: >= 0 } va && f[va.Slot] is null)
        {
            return EvalTerm(b, f, v => Bind(va.Slot, v, f, k));
        }

        if (b is VarTerm { Slot: >= 0 } vb && f[vb.Slot] is null)
        {
            return EvalTerm(a, f, v => Bind(vb.Slot, v, f, k));
        }

        if (a is ArrayTerm aa && b is ArrayTerm ba)
        {
            return aa.Items.Length == ba.Items.Length && UnifyPairs(aa.Items, ba.Items, 0, f, k);
        }

        if (a is ObjectTerm oa && b is ObjectTerm ob && !IsEvaluable(a, f) && !IsEvaluable(b, f))
        {
            return UnifyObjects(oa, ob, f, k);
        }

        if (IsEvaluable(a, f))
        {
            return EvalTerm(a, f, v => UnifyValue(b, v, f, k));
        }

        return EvalTerm(b, f, v => UnifyValue(a, v, f, k));
    }

    private bool UnifyObjects(ObjectTerm a, ObjectTerm b, Value?[] f, Func<bool> k)
    {
        if (a.Entries.Length != b.Entries.Length)
        {
            return false;
        }

        var left = new Term[a.Entries.Length];
        var right = new Term[a.Entries.Length];
        for (var i = 0; i < a.Entries.Length; i++)
        {
            if (a.Entries[i].Key is not ValueTerm ka)
            {
                return false;
            }

            var match = Array.FindIndex(b.Entries, e => e.Key is ValueTerm kb && kb.Value.Equals(ka.Value));
            if (match < 0)
            {
                return false;
            }

            left[i] = a.Entries[i].Value;
            right[i] = b.Entries[match].Value;
        }

        return UnifyPairs(left, right, 0, f, k);
    }

    private bool UnifyPairs(Term[] a, Term[] b, int i, Value?[] f, Func<bool> k)
    {
        if (i == a.Length)
        {
            return k();
        }

        return Unify(a[i], b[i], f, () => UnifyPairs(a, b, i + 1, f, k));
    }

    private static bool Bind(int slot, Value v, Value?[] f, Func<bool> k)
    {
        var old = f[slot];
        if (old is not null)
        {
            return old.Equals(v) && k();
        }

        f[slot] = v;
        try
        {
            return k();
        }
        finally
        {
            f[slot] = null;
        }
    }

    /// <summary>Gets whether a term can be evaluated to values now (no unbound variables in pattern positions).</summary>
    private static bool IsEvaluable(Term t, Value?[] f)
    {
        switch (t)
        {
            case VarTerm v:
                return v.Slot < 0 || f[v.Slot] is not null;
            case ArrayTerm a:
                foreach (var x in a.Items)
                {
                    if (!IsEvaluable(x, f))
                    {
                        return false;
                    }
                }

                return true;
            case ObjectTerm o:
                foreach (var (k, x) in o.Entries)
                {
                    if (!IsEvaluable(k, f) || !IsEvaluable(x, f))
                    {
                        return false;
                    }
                }

                return true;
            case SetTerm s:
                foreach (var x in s.Items)
                {
                    if (!IsEvaluable(x, f))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return true;
        }
    }

    /// <summary>Unifies a term (a pattern) with a value.</summary>
    private bool UnifyValue(Term t, Value v, Value?[] f, Func<bool> k)
    {
        switch (t)
        {
            case ValueTerm vt:
                return vt.Value.Equals(v) && k();
            case VarTerm { Slot: >= 0 } var:
                return Bind(var.Slot, v, f, k);
            case ArrayTerm a:
                return v is ArrayValue arr && arr.Count == a.Items.Length && UnifyArray(a.Items, arr, 0, f, k);
            case ObjectTerm o:
                return v is ObjectValue obj && obj.Count == o.Entries.Length && UnifyObject(o.Entries, obj, 0, f, k);
            default:
                return EvalTerm(t, f, x => x.Equals(v) && k());
        }
    }

    private bool UnifyArray(Term[] items, ArrayValue arr, int i, Value?[] f, Func<bool> k)
    {
        if (i == items.Length)
        {
            return k();
        }

        return UnifyValue(items[i], arr[i], f, () => UnifyArray(items, arr, i + 1, f, k));
    }

    private bool UnifyObject((Term Key, Term Value)[] entries, ObjectValue obj, int i, Value?[] f, Func<bool> k)
    {
        if (i == entries.Length)
        {
            return k();
        }

        return EvalTerm(entries[i].Key, f, key =>
        {
            var child = obj.Get(key);
            return child is not null && UnifyValue(entries[i].Value, child, f, () => UnifyObject(entries, obj, i + 1, f, k));
        });
    }
}
