using PhiGate.Rego.Ast;
using PhiGate.Rego.Diagnostics;

namespace PhiGate.Rego.Compilation;

/// <summary>
/// Orders a body so that every expression's inputs are bound before it runs (OPA's safety reordering):
/// repeatedly take the first expression whose inputs are bound; what remains is unsafe.
/// </summary>
internal sealed partial class Scheduler(SlotAllocator slots, List<RegoError> errors)
{
    public HashSet<int> Bound { get; private set; } = [];

    public List<Expr> Schedule(List<Expr> body, IEnumerable<int> initiallyBound)
    {
        Bound = [.. initiallyBound];
        var remaining = new List<Expr>(body);
        var result = new List<Expr>(body.Count);
        while (remaining.Count > 0)
        {
            var pick = -1;
            for (var i = 0; i < remaining.Count; i++)
            {
                if (CanSchedule(remaining[i], Bound))
                {
                    pick = i;
                    break;
                }
            }

            if (pick < 0)
            {
                ReportUnsafe(remaining);
                result.AddRange(remaining);
                break;
            }

            var e = remaining[pick];
            remaining.RemoveAt(pick);
            ScheduleNested(e);
            AddOutputs(e, Bound);
            result.Add(e);
        }

        return result;
    }

    private void ReportUnsafe(List<Expr> remaining)
    {
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in remaining)
        {
            var missing = new SortedSet<int>();
            foreach (var s in Needed(e))
            {
                if (!Bound.Contains(s))
                {
                    missing.Add(s);
                }
            }

            if (e.Kind is ExprKind.Unify or ExprKind.Assign)
            {
                var l = new HashSet<int>();
                var r = new HashSet<int>();
                CollectPatterns(e.Left!, l, null);
                CollectPatterns(e.Right!, r, null);
                foreach (var s in l.Concat(r))
                {
                    if (!Bound.Contains(s))
                    {
                        missing.Add(s);
                    }
                }
            }

            foreach (var s in missing)
            {
                var name = slots.Names[s];
                if (name.StartsWith('$') || !reported.Add(name))
                {
                    continue;
                }

                errors.Add(new RegoError(ErrorCodes.UnsafeVar, $"var {(name == "_" ? "_" : name)} is unsafe", e.Location));
            }
        }

        if (reported.Count == 0)
        {
            errors.Add(new RegoError(ErrorCodes.UnsafeVar, "expression is unsafe", remaining[0].Location));
        }
    }

    private bool CanSchedule(Expr e, HashSet<int> bound)
    {
        foreach (var s in Needed(e))
        {
            if (!bound.Contains(s))
            {
                return false;
            }
        }

        if (!e.Negated && e.Kind is ExprKind.Unify or ExprKind.Assign)
        {
            return Unifiable(e.Left!, e.Right!, bound);
        }

        return true;
    }

    private static bool Unifiable(Term a, Term b, HashSet<int> bound)
    {
        if (PatternsBound(a, bound) || PatternsBound(b, bound))
        {
            return true;
        }

        if (a is ArrayTerm x && b is ArrayTerm y && x.Items.Length == y.Items.Length)
        {
            for (var i = 0; i < x.Items.Length; i++)
            {
                if (!Unifiable(x.Items[i], y.Items[i], bound))
                {
                    return false;
                }
            }

            return true;
        }

        if (a is ObjectTerm o && b is ObjectTerm p && o.Entries.Length == p.Entries.Length)
        {
            return true;
        }

        return false;
    }

    private static bool PatternsBound(Term t, HashSet<int> bound)
    {
        var set = new HashSet<int>();
        CollectPatterns(t, set, null);
        return set.IsSubsetOf(bound);
    }

    /// <summary>Slots that must be bound before the expression can run.</summary>
    private HashSet<int> Needed(Expr e)
    {
        var needed = new HashSet<int>();
        var outputs = new HashSet<int>();
        CollectTerms(e, needed, outputs);
        switch (e.Kind)
        {
            case ExprKind.Every:
                CollectValue(e.Right!, needed, outputs);
                needed.UnionWith(e.Closure);
                break;
            case ExprKind.Group:
            case ExprKind.And:
            case ExprKind.Or:
                needed.UnionWith(e.Closure);
                break;
        }

        if (e.With is not null)
        {
            foreach (var w in e.With)
            {
                if (w.Replacement is null)
                {
                    CollectValue(w.Value, needed, needed);
                }
            }
        }

        if (e.Negated)
        {
            needed.UnionWith(outputs);
            needed.RemoveWhere(s => slots.Names[s] == "_");
        }

        return needed;
    }

    private static void AddOutputs(Expr e, HashSet<int> bound)
    {
        if (e.Negated)
        {
            return;
        }

        var outputs = new HashSet<int>();
        CollectTerms(e, new HashSet<int>(), outputs);
        bound.UnionWith(outputs);
    }

    /// <summary>What a term, unification or <c>some ... in</c> expression reads (needed) and binds (outputs).</summary>
    private static void CollectTerms(Expr e, HashSet<int> needed, HashSet<int> outputs)
    {
        switch (e.Kind)
        {
            case ExprKind.Term:
                CollectValue(e.Left!, needed, outputs);
                break;
            case ExprKind.Unify:
            case ExprKind.Assign:
                CollectPatterns(e.Left!, outputs, needed, outputs);
                CollectPatterns(e.Right!, outputs, needed, outputs);
                break;
            case ExprKind.SomeIn:
                CollectValue(e.Right!, needed, outputs);
                if (e.Key is not null)
                {
                    CollectPatterns(e.Key, outputs, needed, outputs);
                }

                CollectPatterns(e.Left!, outputs, needed, outputs);
                break;
        }
    }
}
