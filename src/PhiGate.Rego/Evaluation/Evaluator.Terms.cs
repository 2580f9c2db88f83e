using System.Text;
using PhiGate.Rego.Ast;
using PhiGate.Rego.Diagnostics;
using PhiGate.Rego.Values;

namespace PhiGate.Rego.Evaluation;

internal sealed partial class Evaluator
{
    private bool EvalTerm(Term t, Value?[] f, Func<Value, bool> k)
    {
        if (t is not ValueTerm && IsDirect(t, f))
        {
            var v = EvalDirect(t, f);
            return v is not null && k(v);
        }

        switch (t)
        {
            case ValueTerm vt:
                return k(vt.Value);
            case VarTerm v:
                return v.Slot switch
                {
                    >= 0 => f[v.Slot] is { } bound && k(bound),
                    VarTerm.InputRoot => _state.Input is { } input && k(input),
                    _ => EvalDataPath([], 0, _policy.Root, f, k),
                };
            case RefTerm r:
                return EvalRef(r, f, k);
            case CallTerm c:
                return EvalCall(c, f, k);
            case ArrayTerm a:
                return EvalTerms(a.Items, 0, new Value[a.Items.Length], f, vals => k(ArrayValue.Create((Value[])vals.Clone())));
            case SetTerm s:
                return EvalTerms(s.Items, 0, new Value[s.Items.Length], f, vals => k(SetValue.Create(vals)));
            case ObjectTerm o:
                return EvalObjectTerm(o, f, k);
            case ComprehensionTerm c:
                return k(EvalComprehension(c, f));
            case TemplateTerm tt:
                return k(EvalTemplate(tt, f));
            default:
                return false;
        }
    }

    private bool EvalTerms(Term[] items, int i, Value[] buf, Value?[] f, Func<Value[], bool> k)
    {
        if (i == items.Length)
        {
            return k(buf);
        }

        if (items[i] is ValueTerm vt)
        {
            buf[i] = vt.Value;
            return EvalTerms(items, i + 1, buf, f, k);
        }

        return EvalTerm(items[i], f, v =>
        {
            buf[i] = v;
            return EvalTerms(items, i + 1, buf, f, k);
        });
    }

    private bool EvalObjectTerm(ObjectTerm o, Value?[] f, Func<Value, bool> k)
    {
        var flat = new Term[o.Entries.Length * 2];
        for (var i = 0; i < o.Entries.Length; i++)
        {
            flat[2 * i] = o.Entries[i].Key;
            flat[(2 * i) + 1] = o.Entries[i].Value;
        }

        return EvalTerms(flat, 0, new Value[flat.Length], f, vals =>
        {
            var b = new ObjectBuilder(o.Entries.Length);
            for (var i = 0; i < vals.Length; i += 2)
            {
                b.Add(vals[i], vals[i + 1]);
            }

            return k(b.Build());
        });
    }

    private Value EvalComprehension(ComprehensionTerm c, Value?[] f)
    {
        EnsureStack();
        switch (c.Kind)
        {
            case ComprehensionKind.Array:
                var list = new List<Value>();
                EvalBody(c.Body, 0, f, () => EvalTerm(c.Head, f, v =>
                {
                    list.Add(v);
                    return false;
                }));
                return ArrayValue.Create(list);
            case ComprehensionKind.Set:
                var set = new List<Value>();
                EvalBody(c.Body, 0, f, () => EvalTerm(c.Head, f, v =>
                {
                    set.Add(v);
                    return false;
                }));
                return SetValue.FromUnsorted([.. set], set.Count);
            default:
                var entries = new Dictionary<Value, Value>();
                EvalBody(c.Body, 0, f, () => EvalTerm(c.Head, f, key => EvalTerm(c.ValueHead!, f, v =>
                {
                    if (entries.TryGetValue(key, out var existing) && !existing.Equals(v))
                    {
                        throw new RegoException(new RegoError(ErrorCodes.EvalConflict, "object keys must be unique", c.Location));
                    }

                    entries[key] = v;
                    return false;
                })));
                var b = new ObjectBuilder(entries.Count);
                foreach (var (key, v) in entries)
                {
                    b.Add(key, v);
                }

                return b.Build();
        }
    }

    private Value EvalTemplate(TemplateTerm tt, Value?[] f)
    {
        var sb = new StringBuilder();
        foreach (var part in tt.Parts)
        {
            if (part.Literal is not null)
            {
                sb.Append(part.Literal);
                continue;
            }

            var values = (SetValue)EvalComprehension(part.Compiled!, f);
            if (values.Count == 0)
            {
                sb.Append("<undefined>");
                continue;
            }

            var first = true;
            foreach (var v in values.Items)
            {
                if (!first)
                {
                    sb.Append(' ');
                }

                first = false;
                sb.Append(v is StringValue s ? s.Value : v.ToString());
            }
        }

        return Value.From(sb.ToString());
    }

    private bool EvalRef(RefTerm r, Value?[] f, Func<Value, bool> k)
    {
        switch (r.Head)
        {
            case VarTerm { Slot: VarTerm.DataRoot }:
                return EvalDataPath(r.Path, 0, _policy.Root, f, k);
            case VarTerm { Slot: VarTerm.InputRoot }:
                return _state.Input is { } input && EvalRefRest(input, r.Path, 0, f, k);
            case VarTerm { Slot: >= 0 } v:
                return f[v.Slot] is { } bound && EvalRefRest(bound, r.Path, 0, f, k);
            default:
                return EvalTerm(r.Head, f, h => EvalRefRest(h, r.Path, 0, f, k));
        }
    }

    /// <summary>Follows the rest of a reference through a value, iterating where a key is unbound.</summary>
    private bool EvalRefRest(Value cur, Term[] path, int i, Value?[] f, Func<Value, bool> k)
    {
        if (i == path.Length)
        {
            return k(cur);
        }

        var seg = path[i];
        if (seg is ValueTerm vt)
        {
            var child = Index(cur, vt.Value);
            return child is not null && EvalRefRest(child, path, i + 1, f, k);
        }

        if (IsEvaluable(seg, f))
        {
            return EvalTerm(seg, f, key =>
            {
                var child = Index(cur, key);
                return child is not null && EvalRefRest(child, path, i + 1, f, k);
            });
        }

        switch (cur)
        {
            case ObjectValue o:
                for (var j = 0; j < o.Count; j++)
                {
                    var child = o.Values[j];
                    if (UnifyValue(seg, o.Keys[j], f, () => EvalRefRest(child, path, i + 1, f, k)))
                    {
                        return true;
                    }
                }

                return false;
            case ArrayValue a:
                for (var j = 0; j < a.Count; j++)
                {
                    var child = a[j];
                    if (UnifyValue(seg, Value.From(j), f, () => EvalRefRest(child, path, i + 1, f, k)))
                    {
                        return true;
                    }
                }

                return false;
            case SetValue s:
                foreach (var item in s.Items)
                {
                    var child = item;
                    if (UnifyValue(seg, child, f, () => EvalRefRest(child, path, i + 1, f, k)))
                    {
                        return true;
                    }
                }

                return false;
            default:
                return false;
        }
    }

    internal static Value? Index(Value cur, Value key)
    {
        switch (cur)
        {
            case ObjectValue o:
                return o.Get(key);
            case ArrayValue a:
                if (key is NumberValue n && n.TryGetInt64(out var idx) && idx >= 0 && idx < a.Count)
                {
                    return a[(int)idx];
                }

                return null;
            case SetValue s:
                return s.Contains(key) ? key : null;
            default:
                return null;
        }
    }
}
