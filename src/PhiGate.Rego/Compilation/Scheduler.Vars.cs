using PhiGate.Rego.Ast;
using PhiGate.Rego.Diagnostics;

namespace PhiGate.Rego.Compilation;

internal sealed partial class Scheduler
{
    /// <summary>Collects the variables of a term used as a value: inputs into <paramref name="needed"/>, ref-iteration variables into <paramref name="outputs"/>.</summary>
    private static void CollectValue(Term t, HashSet<int> needed, HashSet<int> outputs)
    {
        switch (t)
        {
            case VarTerm v:
                if (v.Slot >= 0)
                {
                    needed.Add(v.Slot);
                }

                break;
            case RefTerm r:
                CollectValue(r.Head, needed, outputs);
                foreach (var p in r.Path)
                {
                    CollectPatterns(p, outputs, needed, outputs);
                }

                break;
            case ArrayTerm a:
                foreach (var x in a.Items)
                {
                    CollectValue(x, needed, outputs);
                }

                break;
            case SetTerm s:
                foreach (var x in s.Items)
                {
                    CollectValue(x, needed, outputs);
                }

                break;
            case ObjectTerm o:
                foreach (var (k, x) in o.Entries)
                {
                    CollectValue(k, needed, outputs);
                    CollectValue(x, needed, outputs);
                }

                break;
            case CallTerm c:
                foreach (var x in c.Args)
                {
                    CollectValue(x, needed, outputs);
                }

                break;
            case ComprehensionTerm comp:
                needed.UnionWith(comp.Closure);
                break;
            case TemplateTerm tt:
                foreach (var part in tt.Parts)
                {
                    if (part.Compiled is { } pc)
                    {
                        needed.UnionWith(pc.Closure);
                    }
                }

                break;
        }
    }

    /// <summary>Collects pattern variables (bindable by unification) of a term; evaluated parts go to needed/outputs.</summary>
    private static void CollectPatterns(Term t, HashSet<int> patterns, HashSet<int>? needed, HashSet<int>? outputs = null)
    {
        switch (t)
        {
            case VarTerm v:
                if (v.Slot >= 0)
                {
                    patterns.Add(v.Slot);
                }

                break;
            case ArrayTerm a:
                foreach (var x in a.Items)
                {
                    CollectPatterns(x, patterns, needed, outputs);
                }

                break;
            case ObjectTerm o:
                foreach (var (k, x) in o.Entries)
                {
                    if (needed is not null)
                    {
                        CollectValue(k, needed, outputs ?? needed);
                    }

                    CollectPatterns(x, patterns, needed, outputs);
                }

                break;
            default:
                if (needed is not null)
                {
                    CollectValue(t, needed, outputs ?? needed);
                }

                break;
        }
    }

    /// <summary>Collects the slots a head term reads.</summary>
    public void CollectNeeded(Term t, HashSet<int> set)
    {
        CollectValue(t, set, []);
        ScheduleNestedTerm(t, Bound);
    }

    private void ScheduleNested(Expr e)
    {
        var bound = Bound;
        if (e.Left is not null)
        {
            ScheduleNestedTerm(e.Left, bound);
        }

        if (e.Right is not null)
        {
            ScheduleNestedTerm(e.Right, bound);
        }

        if (e.Key is not null)
        {
            ScheduleNestedTerm(e.Key, bound);
        }

        if (e.With is not null)
        {
            foreach (var w in e.With)
            {
                ScheduleNestedTerm(w.Value, bound);
            }
        }

        if (e.Kind == ExprKind.Every)
        {
            var inner = new HashSet<int>(bound);
            if (e.Key is not null)
            {
                CollectAllSlots(e.Key, inner);
            }

            CollectAllSlots(e.Left!, inner);
            var sub = new Scheduler(slots, errors);
            e.Body = sub.Schedule(e.Body!, inner);
        }

        if (e.Operands is not null)
        {
            for (var i = 0; i < e.Operands.Count; i++)
            {
                e.Operands[i] = new Scheduler(slots, errors).Schedule(e.Operands[i], bound);
            }
        }
    }

    private void ScheduleNestedTerm(Term t, HashSet<int> bound)
    {
        switch (t)
        {
            case RefTerm r:
                ScheduleNestedTerm(r.Head, bound);
                foreach (var p in r.Path)
                {
                    ScheduleNestedTerm(p, bound);
                }

                break;
            case ArrayTerm a:
                foreach (var x in a.Items)
                {
                    ScheduleNestedTerm(x, bound);
                }

                break;
            case SetTerm s:
                foreach (var x in s.Items)
                {
                    ScheduleNestedTerm(x, bound);
                }

                break;
            case ObjectTerm o:
                foreach (var (k, x) in o.Entries)
                {
                    ScheduleNestedTerm(k, bound);
                    ScheduleNestedTerm(x, bound);
                }

                break;
            case CallTerm c:
                foreach (var x in c.Args)
                {
                    ScheduleNestedTerm(x, bound);
                }

                break;
            case ComprehensionTerm comp:
                ScheduleComprehension(comp, bound);
                break;
            case TemplateTerm tt:
                foreach (var part in tt.Parts)
                {
                    if (part.Compiled is { } pc)
                    {
                        ScheduleComprehension(pc, bound);
                    }
                }

                break;
        }
    }

    private void ScheduleComprehension(ComprehensionTerm comp, HashSet<int> bound)
    {
        var sub = new Scheduler(slots, errors);
        comp.Body = sub.Schedule(comp.Body, bound);
        var head = new HashSet<int>();
        sub.CollectNeeded(comp.Head, head);
        if (comp.ValueHead is not null)
        {
            sub.CollectNeeded(comp.ValueHead, head);
        }

        foreach (var s in head.Order())
        {
            if (!sub.Bound.Contains(s) && !slots.Names[s].StartsWith('$'))
            {
                errors.Add(new RegoError(ErrorCodes.UnsafeVar, $"var {slots.Names[s]} is unsafe", comp.Location));
            }
        }
    }

    /// <summary>Collects every slot a term mentions, nested bodies included.</summary>
    public static void CollectAllSlots(Term t, HashSet<int> set)
    {
        switch (t)
        {
            case VarTerm v:
                if (v.Slot >= 0)
                {
                    set.Add(v.Slot);
                }

                break;
            case RefTerm r:
                CollectAllSlots(r.Head, set);
                foreach (var p in r.Path)
                {
                    CollectAllSlots(p, set);
                }

                break;
            case ArrayTerm a:
                foreach (var x in a.Items)
                {
                    CollectAllSlots(x, set);
                }

                break;
            case SetTerm s:
                foreach (var x in s.Items)
                {
                    CollectAllSlots(x, set);
                }

                break;
            case ObjectTerm o:
                foreach (var (k, x) in o.Entries)
                {
                    CollectAllSlots(k, set);
                    CollectAllSlots(x, set);
                }

                break;
            case CallTerm c:
                foreach (var x in c.Args)
                {
                    CollectAllSlots(x, set);
                }

                break;
            case ComprehensionTerm comp:
                CollectAllSlots(comp.Head, set);
                if (comp.ValueHead is not null)
                {
                    CollectAllSlots(comp.ValueHead, set);
                }

                foreach (var e in comp.Body)
                {
                    CollectExprSlots(e, set);
                }

                break;
            case TemplateTerm tt:
                foreach (var part in tt.Parts)
                {
                    if (part.Compiled is { } pc)
                    {
                        CollectAllSlots(pc, set);
                    }
                }

                break;
        }
    }

    public static void CollectExprSlots(Expr e, HashSet<int> set)
    {
        if (e.Left is not null)
        {
            CollectAllSlots(e.Left, set);
        }

        if (e.Right is not null)
        {
            CollectAllSlots(e.Right, set);
        }

        if (e.Key is not null)
        {
            CollectAllSlots(e.Key, set);
        }

        if (e.SomeVars is not null)
        {
            foreach (var v in e.SomeVars)
            {
                CollectAllSlots(v, set);
            }
        }

        if (e.Body is not null)
        {
            foreach (var x in e.Body)
            {
                CollectExprSlots(x, set);
            }
        }

        if (e.Operands is not null)
        {
            foreach (var operand in e.Operands)
            {
                foreach (var x in operand)
                {
                    CollectExprSlots(x, set);
                }
            }
        }

        if (e.With is not null)
        {
            foreach (var w in e.With)
            {
                CollectAllSlots(w.Value, set);
            }
        }
    }
}
