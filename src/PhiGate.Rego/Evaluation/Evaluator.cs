using System.Diagnostics;
using System.Runtime.CompilerServices;
using PhiGate.Rego.Ast;
using PhiGate.Rego.Builtins;
using PhiGate.Rego.Compilation;
using PhiGate.Rego.Diagnostics;
using PhiGate.Rego.Values;

namespace PhiGate.Rego.Evaluation;

/// <summary>
/// Top-down evaluator: continuation-passing search with unification and backtracking over frames of
/// variable slots. One instance per query; not thread-safe.
/// </summary>
/// <remarks>
/// Every <c>Eval*</c> method calls its continuation once per solution and returns <c>true</c> to stop the
/// search early (used by negation, <c>every</c> and constant-valued rules).
/// </remarks>
internal sealed partial class Evaluator
{
    private readonly CompiledPolicy _policy;
    private readonly Value _data;
    private readonly BuiltinContext _builtinContext;
    private readonly EvaluationOptions _options;
    private readonly long _deadline;
    private readonly CancellationToken _cancellation;
    private EvalState _state;
    private long _steps;
    private int _depth;

    public Evaluator(CompiledPolicy policy, Value data, Value? input, EvaluationOptions options, TimeProvider time, CancellationToken cancellation)
    {
        _policy = policy;
        _data = data;
        _options = options;
        _cancellation = cancellation;
        _state = new EvalState { Input = input };
        _builtinContext = new BuiltinContext(time, cancellation) { StrictErrors = options.StrictBuiltinErrors, Print = options.Print };
        _deadline = options.Timeout == Timeout.InfiniteTimeSpan || options.Timeout <= TimeSpan.Zero
            ? long.MaxValue
            : Stopwatch.GetTimestamp() + (long)(options.Timeout.TotalSeconds * Stopwatch.Frequency);
    }

    /// <summary>Runs a compiled query, calling <paramref name="onResult"/> with the frame for each solution.</summary>
    public void Run(CompiledQuery query, Func<Value?[], bool> onResult)
    {
        var frame = new Value?[query.SlotCount];
        EvalBody(query.Body, 0, frame, () => onResult(frame));
    }

    /// <summary>Evaluates the document at a data path (rule or base document); null when undefined.</summary>
    public Value? EvalPath(Term[] path) => DataDirect(path, []);

    /// <summary>Builds the ground path terms for <see cref="EvalPath"/>.</summary>
    public static Term[] PathTerms(string[] path)
    {
        var terms = new Term[path.Length];
        for (var i = 0; i < path.Length; i++)
        {
            terms[i] = new ValueTerm(Value.From(path[i]), Location.None);
        }

        return terms;
    }

    private void Step()
    {
        _steps++;
        if (_steps > _options.MaxSteps)
        {
            throw Budget("evaluation exceeded the step budget");
        }

        if ((_steps & 255) == 0)
        {
            if (_cancellation.IsCancellationRequested)
            {
                throw new RegoException(new RegoError(ErrorCodes.EvalCancel, "caller cancelled query execution", Location.None));
            }

            if (Stopwatch.GetTimestamp() > _deadline)
            {
                throw Budget("evaluation exceeded the time budget");
            }
        }
    }

    private static RegoException Budget(string message) => new(new RegoError(ErrorCodes.EvalBudget, message, Location.None));

    private void EnterDepth()
    {
        if (++_depth > _options.MaxDepth)
        {
            _depth--;
            throw Budget("evaluation exceeded the depth budget");
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void EnsureStack()
    {
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw Budget("evaluation exceeded the depth budget");
        }
    }

    private bool EvalBody(List<Expr> body, int i, Value?[] f, Func<bool> k)
    {
        var mark = _trailTop;
        try
        {
            // Straight-line part: deterministic expressions run without continuations.
            while (i < body.Count)
            {
                Step();
                EnsureStack();
                var r = TryExprDirect(body[i], f);
                if (r == 0)
                {
                    return false;
                }

                if (r < 0)
                {
                    break;
                }

                i++;
            }

            if (i == body.Count)
            {
                return k();
            }

            var e = body[i];
            var j = i;
            Func<bool> next = j + 1 == body.Count ? k : () => EvalBody(body, j + 1, f, k);
            if (e.With is not null)
            {
                return EvalWith(e, f, next);
            }

            return EvalExpr(e, f, next);
        }
        finally
        {
            Unwind(mark);
        }
    }

    private bool EvalExpr(Expr e, Value?[] f, Func<bool> k)
    {
        if (e.Negated)
        {
            var saved = _found;
            _found = false;
            EvalPositive(e, f, _markFound ??= MarkFound);
            var found = _found;
            _found = saved;
            return !found && k();
        }

        return EvalPositive(e, f, k);
    }

    private bool EvalPositive(Expr e, Value?[] f, Func<bool> k)
    {
        switch (e.Kind)
        {
            case ExprKind.Term:
                return EvalTerm(e.Left!, f, v => v is BooleanValue { Value: false } ? false : k());
            case ExprKind.Unify:
            case ExprKind.Assign:
                return Unify(e.Left!, e.Right!, f, k);
            case ExprKind.SomeDecl:
                return k();
            case ExprKind.SomeIn:
                if (IsDirect(e.Right!, f))
                {
                    var coll = EvalDirect(e.Right!, f);
                    return coll is not null && IterateIn(coll, e.Key, e.Left!, f, k);
                }

                return EvalTerm(e.Right!, f, coll => IterateIn(coll, e.Key, e.Left!, f, k));
            case ExprKind.Every:
                return EvalEvery(e, f, k);
            case ExprKind.Group:
            case ExprKind.And:
                foreach (var operand in e.Operands!)
                {
                    if (!HasSolution(operand, f))
                    {
                        return false;
                    }
                }

                return k();
            case ExprKind.Or:
                foreach (var operand in e.Operands!)
                {
                    if (HasSolution(operand, f))
                    {
                        return k();
                    }
                }

                return false;
            default:
                return false;
        }
    }

    private bool HasSolution(List<Expr> body, Value?[] f)
    {
        var saved = _found;
        _found = false;
        EvalBody(body, 0, f, _markFound ??= MarkFound);
        var found = _found;
        _found = saved;
        return found;
    }

    private bool _found;
    private Func<bool>? _markFound;

    private bool MarkFound()
    {
        _found = true;
        return true;
    }

    private bool IterateIn(Value coll, Term? key, Term value, Value?[] f, Func<bool> k)
    {
        if (key is VarTerm { Slot: >= 0 } keyVar && value is VarTerm { Slot: >= 0 } valueVar && f[keyVar.Slot] is null && f[valueVar.Slot] is null && keyVar.Slot != valueVar.Slot)
        {
            return IterateBoth(coll, keyVar.Slot, valueVar.Slot, f, k);
        }

        switch (coll)
        {
            case ArrayValue a:
                for (var i = 0; i < a.Count; i++)
                {
                    var item = a[i];
                    var stop = key is null
                        ? UnifyValue(value, item, f, k)
                        : UnifyValue(key, Value.From(i), f, () => UnifyValue(value, item, f, k));
                    if (stop)
                    {
                        return true;
                    }
                }

                return false;
            case SetValue s:
                foreach (var item in s.Items)
                {
                    var it = item;
                    var stop = key is null
                        ? UnifyValue(value, it, f, k)
                        : UnifyValue(key, it, f, () => UnifyValue(value, it, f, k));
                    if (stop)
                    {
                        return true;
                    }
                }

                return false;
            case ObjectValue o:
                for (var i = 0; i < o.Count; i++)
                {
                    var kk = o.Keys[i];
                    var vv = o.Values[i];
                    var stop = key is null
                        ? UnifyValue(value, vv, f, k)
                        : UnifyValue(key, kk, f, () => UnifyValue(value, vv, f, k));
                    if (stop)
                    {
                        return true;
                    }
                }

                return false;
            default:
                return false;
        }
    }

    private static bool IterateBoth(Value coll, int keySlot, int valueSlot, Value?[] f, Func<bool> k)
    {
        try
        {
            switch (coll)
            {
                case ArrayValue a:
                    for (var i = 0; i < a.Count; i++)
                    {
                        f[keySlot] = Value.From(i);
                        f[valueSlot] = a[i];
                        if (k())
                        {
                            return true;
                        }
                    }

                    return false;
                case SetValue s:
                    foreach (var item in s.Items)
                    {
                        f[keySlot] = item;
                        f[valueSlot] = item;
                        if (k())
                        {
                            return true;
                        }
                    }

                    return false;
                case ObjectValue o:
                    for (var i = 0; i < o.Count; i++)
                    {
                        f[keySlot] = o.Keys[i];
                        f[valueSlot] = o.Values[i];
                        if (k())
                        {
                            return true;
                        }
                    }

                    return false;
                default:
                    return false;
            }
        }
        finally
        {
            f[keySlot] = null;
            f[valueSlot] = null;
        }
    }

    private bool EvalEvery(Expr e, Value?[] f, Func<bool> k)
    {
        return EvalTerm(e.Right!, f, domain =>
        {
            if (domain is not (ArrayValue or SetValue or ObjectValue))
            {
                return false;
            }

            var ok = true;
            IterateAll(domain, (key, val) =>
            {
                var found = false;
                Func<bool> body = () => EvalBody(e.Body!, 0, f, () =>
                {
                    found = true;
                    return true;
                });
                if (e.Key is null)
                {
                    UnifyValue(e.Left!, val, f, body);
                }
                else
                {
                    UnifyValue(e.Key, key, f, () => UnifyValue(e.Left!, val, f, body));
                }

                if (!found)
                {
                    ok = false;
                    return true;
                }

                return false;
            });
            return ok && k();
        });
    }

    private static void IterateAll(Value coll, Func<Value, Value, bool> visit)
    {
        switch (coll)
        {
            case ArrayValue a:
                for (var i = 0; i < a.Count; i++)
                {
                    if (visit(Value.From(i), a[i]))
                    {
                        return;
                    }
                }

                break;
            case SetValue s:
                foreach (var x in s.Items)
                {
                    if (visit(x, x))
                    {
                        return;
                    }
                }

                break;
            case ObjectValue o:
                for (var i = 0; i < o.Count; i++)
                {
                    if (visit(o.Keys[i], o.Values[i]))
                    {
                        return;
                    }
                }

                break;
        }
    }
}
