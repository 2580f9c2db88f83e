using PhiGate.Rego.Ast;
using PhiGate.Rego.Compilation;
using PhiGate.Rego.Values;

namespace PhiGate.Rego.Evaluation;

/// <summary>
/// Closure-free evaluation of deterministic terms and expressions: the common case of a policy body
/// (lookups, comparisons, builtin calls, assignments) runs as a plain loop; only real choice points
/// (iteration, unbound patterns, relations) fall back to continuation passing.
/// </summary>
internal sealed partial class Evaluator
{
    // Each entry names its frame: an error can leave a callee's bindings above a caller's mark, and
    // unwinding them must clear the callee's frame, not index the caller's with the callee's slot.
    private (Value?[] Frame, int Slot)[] _trail = [];
    private int _trailTop;
    private Value[] _args = [];
    private int _argTop;

    /// <summary>Gets whether a term has exactly zero or one value and can be computed without backtracking.</summary>
    private bool IsDirect(Term t, Value?[] f)
    {
        switch (t)
        {
            case ValueTerm:
            case ComprehensionTerm:
            case TemplateTerm:
                return true;
            case VarTerm v:
                return v.Slot < 0 || f[v.Slot] is not null;
            case RefTerm r:
                if (!IsDirect(r.Head, f))
                {
                    return false;
                }

                foreach (var p in r.Path)
                {
                    if (!IsDirect(p, f))
                    {
                        return false;
                    }
                }

                return true;
            case CallTerm c:
                if (c.Target is null || c.Target.Builtin?.Relation is not null || (_state.Mocks is not null && c.Target.Builtin is not null))
                {
                    return false;
                }

                foreach (var a in c.Args)
                {
                    if (!IsDirect(a, f))
                    {
                        return false;
                    }
                }

                return true;
            case ArrayTerm a:
                foreach (var x in a.Items)
                {
                    if (!IsDirect(x, f))
                    {
                        return false;
                    }
                }

                return true;
            case SetTerm s:
                foreach (var x in s.Items)
                {
                    if (!IsDirect(x, f))
                    {
                        return false;
                    }
                }

                return true;
            case ObjectTerm o:
                foreach (var (k, x) in o.Entries)
                {
                    if (!IsDirect(k, f) || !IsDirect(x, f))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return false;
        }
    }

    /// <summary>Computes a direct term; null when undefined. Call only when <see cref="IsDirect"/> holds.</summary>
    private Value? EvalDirect(Term t, Value?[] f)
    {
        switch (t)
        {
            case ValueTerm vt:
                return vt.Value;
            case VarTerm v:
                return v.Slot switch
                {
                    >= 0 => f[v.Slot],
                    VarTerm.InputRoot => _state.Input,
                    _ => DataDirect([], f),
                };
            case RefTerm r:
                return RefDirect(r, f);
            case CallTerm c:
                return CallDirect(c, f);
            case ComprehensionTerm c:
                return EvalComprehension(c, f);
            case TemplateTerm tt:
                return EvalTemplate(tt, f);
            case ArrayTerm a:
                var items = new Value[a.Items.Length];
                for (var i = 0; i < items.Length; i++)
                {
                    var x = EvalDirect(a.Items[i], f);
                    if (x is null)
                    {
                        return null;
                    }

                    items[i] = x;
                }

                return ArrayValue.Create(items);
            case SetTerm s:
                var elems = new Value[s.Items.Length];
                for (var i = 0; i < elems.Length; i++)
                {
                    var x = EvalDirect(s.Items[i], f);
                    if (x is null)
                    {
                        return null;
                    }

                    elems[i] = x;
                }

                return SetValue.FromUnsorted(elems, elems.Length);
            case ObjectTerm o:
                var b = new ObjectBuilder(o.Entries.Length);
                foreach (var (kt, vt2) in o.Entries)
                {
                    var key = EvalDirect(kt, f);
                    var val = key is null ? null : EvalDirect(vt2, f);
                    if (val is null)
                    {
                        return null;
                    }

                    b.Add(key!, val);
                }

                return b.Build();
            default:
                return null;
        }
    }

    private Value? RefDirect(RefTerm r, Value?[] f)
    {
        Value? cur;
        switch (r.Head)
        {
            case VarTerm { Slot: VarTerm.DataRoot }:
                return DataDirect(r.Path, f);
            case VarTerm { Slot: VarTerm.InputRoot }:
                cur = _state.Input;
                break;
            case VarTerm { Slot: >= 0 } v:
                cur = f[v.Slot];
                break;
            default:
                cur = EvalDirect(r.Head, f);
                break;
        }

        return cur is null ? null : WalkDirect(cur, r.Path, 0, f);
    }

    private Value? WalkDirect(Value cur, Term[] path, int i, Value?[] f)
    {
        Value? c = cur;
        for (; i < path.Length && c is not null; i++)
        {
            var key = EvalDirect(path[i], f);
            if (key is null)
            {
                return null;
            }

            c = Index(c, key);
        }

        return c;
    }

    private Value? DataDirect(Term[] path, Value?[] f)
    {
        var node = _policy.Root;
        var i = 0;
        while (true)
        {
            if (_state.DataOverrides is not null && FindOverride(node.Path) is { } ov)
            {
                return WalkDirect(ov, path, i, f);
            }

            if (node.HasRules)
            {
                if (node.IsFunction)
                {
                    return null;
                }

                var v = EvalNode(node);
                return v is null ? null : WalkDirect(v, path, i, f);
            }

            if (i == path.Length)
            {
                return NodeValue(node);
            }

            var key = EvalDirect(path[i], f);
            if (key is null)
            {
                return null;
            }

            if (key is StringValue s && node.Children.TryGetValue(s.Value, out var child))
            {
                node = child;
                i++;
                continue;
            }

            var baseDoc = BaseDoc(node.Path);
            var next = baseDoc is null ? null : Index(baseDoc, key);
            return next is null ? null : WalkDirect(next, path, i + 1, f);
        }
    }

    private Value? CallDirect(CallTerm c, Value?[] f)
    {
        var target = c.Target!;
        if (target.Builtin is { } builtin && _state.Mocks is null)
        {
            return BuiltinDirect(builtin, c, f);
        }

        Mock? mock = null;
        if (_state.Mocks is { } mocks && target.Function is not null)
        {
            mocks.TryGetValue(target.Function.PathText, out mock);
        }

        var args = c.Args.Length == 0 ? [] : new Value[c.Args.Length];
        for (var i = 0; i < args.Length; i++)
        {
            var a = EvalDirect(c.Args[i], f);
            if (a is null)
            {
                return null;
            }

            args[i] = a;
        }

        if (mock is not null)
        {
            if (mock.Value is { } constant)
            {
                return constant;
            }

            Value? mocked = null;
            InvokeUnmocked(mock.Function!, args, c, v =>
            {
                mocked = v;
                return true;
            });
            return mocked;
        }

        if (target.Function is { } fn)
        {
            EnterDepth();
            try
            {
                return EvalFunction(fn, args);
            }
            finally
            {
                _depth--;
            }
        }

        return InvokeFunctionDirect(target.Builtin!, args, c);
    }

    /// <summary>Calls a builtin with arguments held on the evaluator's argument stack (no array per call).</summary>
    private Value? BuiltinDirect(Builtins.BuiltinDefinition builtin, CallTerm c, Value?[] f)
    {
        var n = c.Args.Length;
        var start = _argTop;
        if (start + n > _args.Length)
        {
            Array.Resize(ref _args, Math.Max(Math.Max(8, _args.Length * 2), start + n));
        }

        try
        {
            for (var i = 0; i < n; i++)
            {
                var a = EvalDirect(c.Args[i], f);
                if (a is null)
                {
                    return null;
                }

                _args[start + i] = a;
                _argTop = start + i + 1;
            }

            var args = new ReadOnlySpan<Value>(_args, start, n);
            try
            {
                return builtin.Function!(_builtinContext, args);
            }
            catch (Builtins.BuiltinException ex)
            {
                if (_options.StrictBuiltinErrors)
                {
                    throw new Diagnostics.RegoException(new Diagnostics.RegoError(ex.Code, $"{c.DisplayNameForErrors()}: {ex.Message}", c.Location));
                }

                return null;
            }
        }
        finally
        {
            Array.Clear(_args, start, _argTop - start);
            _argTop = start;
        }
    }

    /// <summary>Tries an expression without backtracking: 1 succeeded (bindings on the trail), 0 failed, -1 needs the general path.</summary>
    private int TryExprDirect(Expr e, Value?[] f)
    {
        if (e.With is not null)
        {
            return -1;
        }

        switch (e.Kind)
        {
            case ExprKind.SomeDecl:
                return 1;
            case ExprKind.Term:
                if (!IsDirect(e.Left!, f))
                {
                    return -1;
                }

                var v = EvalDirect(e.Left!, f);
                var ok = v is not null && v is not BooleanValue { Value: false };
                return ok != e.Negated ? 1 : 0;
            case ExprKind.Unify:
            case ExprKind.Assign:
                return UnifyDirect(e, f);
            default:
                return -1;
        }
    }

    private int UnifyDirect(Expr e, Value?[] f)
    {
        var l = e.Left!;
        var r = e.Right!;
        if (l is VarTerm { Slot: >= 0 } lv && f[lv.Slot] is null)
        {
            if (e.Negated || !IsDirect(r, f))
            {
                return -1;
            }

            var v = EvalDirect(r, f);
            if (v is null)
            {
                return 0;
            }

            Push(lv.Slot, v, f);
            return 1;
        }

        if (r is VarTerm { Slot: >= 0 } rv && f[rv.Slot] is null)
        {
            if (e.Negated || !IsDirect(l, f))
            {
                return -1;
            }

            var v = EvalDirect(l, f);
            if (v is null)
            {
                return 0;
            }

            Push(rv.Slot, v, f);
            return 1;
        }

        if (!IsDirect(l, f) || !IsDirect(r, f))
        {
            return -1;
        }

        var a = EvalDirect(l, f);
        var b = a is null ? null : EvalDirect(r, f);
        var equal = b is not null && a!.Equals(b);
        return equal != e.Negated ? 1 : 0;
    }

    /// <summary>Runs the deterministic prefix of a body (bindings kept until <see cref="Unwind"/>); returns where the general path must resume.</summary>
    private int DirectPrefix(List<Expr> body, Value?[] f, out bool failed)
    {
        failed = false;
        for (var i = 0; i < body.Count; i++)
        {
            Step();
            var r = TryExprDirect(body[i], f);
            if (r == 0)
            {
                failed = true;
                return i;
            }

            if (r < 0)
            {
                return i;
            }
        }

        return body.Count;
    }

    private void Push(int slot, Value v, Value?[] f)
    {
        f[slot] = v;
        if (_trailTop == _trail.Length)
        {
            Array.Resize(ref _trail, Math.Max(8, _trail.Length * 2));
        }

        _trail[_trailTop++] = (f, slot);
    }

    private void Unwind(int mark)
    {
        while (_trailTop > mark)
        {
            var (frame, slot) = _trail[--_trailTop];
            frame[slot] = null;
            _trail[_trailTop] = default;
        }
    }
}
