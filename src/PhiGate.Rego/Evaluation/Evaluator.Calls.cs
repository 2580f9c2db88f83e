using PhiGate.Rego.Ast;
using PhiGate.Rego.Builtins;
using PhiGate.Rego.Compilation;
using PhiGate.Rego.Diagnostics;
using PhiGate.Rego.Values;

namespace PhiGate.Rego.Evaluation;

internal sealed partial class Evaluator
{
    private bool EvalCall(CallTerm c, Value?[] f, Func<Value, bool> k)
    {
        var target = c.Target;
        if (target is null)
        {
            return false;
        }

        if (_state.Mocks is { } mocks)
        {
            var key = target.Builtin?.Name ?? target.Function!.PathText;
            if (mocks.TryGetValue(key, out var mock))
            {
                if (mock.Value is { } constant)
                {
                    return EvalTerms(c.Args, 0, new Value[c.Args.Length], f, _ => k(constant));
                }

                var replacement = mock.Function!;
                return EvalTerms(c.Args, 0, new Value[c.Args.Length], f, args => InvokeUnmocked(replacement, args, c, k));
            }
        }

        var t = target;
        return EvalTerms(c.Args, 0, new Value[c.Args.Length], f, args => Invoke(t, args, c, k));
    }

    /// <summary>Runs a <c>with</c> replacement: inside it no mock applies, so it may call the original.</summary>
    private bool InvokeUnmocked(CallTarget target, Value[] args, CallTerm call, Func<Value, bool> k)
    {
        var outer = _state;
        var inner = outer.Clone();
        inner.Mocks = null;
        Value? result = null;
        _state = inner;
        try
        {
            Invoke(target, args, call, v =>
            {
                result = v;
                return true;
            });
        }
        finally
        {
            _state = outer;
        }

        return result is not null && k(result);
    }

    /// <summary>Calls a builtin function (not a relation) and maps its errors as OPA does.</summary>
    private Value? InvokeFunctionDirect(BuiltinDefinition def, Value[] args, CallTerm call)
    {
        try
        {
            return def.Function!(_builtinContext, args);
        }
        catch (BuiltinException ex)
        {
            if (_options.StrictBuiltinErrors)
            {
                throw new RegoException(new RegoError(ex.Code, $"{call.DisplayNameForErrors()}: {ex.Message}", call.Location));
            }

            return null;
        }
    }

    private bool Invoke(CallTarget target, Value[] args, CallTerm call, Func<Value, bool> k)
    {
        if (target.Function is { } fn)
        {
            return CallFunction(fn, args, call, k);
        }

        var def = target.Builtin!;
        if (args.Length != def.Arity)
        {
            return false;
        }

        try
        {
            if (def.Relation is { } rel)
            {
                var results = new List<Value>();
                rel(_builtinContext, args, results);
                foreach (var r in results)
                {
                    if (k(r))
                    {
                        return true;
                    }
                }

                return false;
            }

            var result = def.Function!(_builtinContext, args);
            return result is not null && k(result);
        }
        catch (BuiltinException ex)
        {
            if (_options.StrictBuiltinErrors)
            {
                throw new RegoException(new RegoError(ex.Code, $"{call.DisplayNameForErrors()}: {ex.Message}", call.Location));
            }

            return false;
        }
    }

    private bool CallFunction(RuleNode node, Value[] args, CallTerm call, Func<Value, bool> k)
    {
        EnterDepth();
        Value? result;
        try
        {
            result = EvalFunction(node, args);
        }
        finally
        {
            _depth--;
        }

        return result is not null && k(result);
    }

    private Value? EvalFunction(RuleNode node, Value[] args)
    {
        var hits = MatchIndex(node, args);
        try
        {
            return EvalFunction(node, args, hits);
        }
        finally
        {
            ReleaseIndex(hits);
        }
    }

    private Value? EvalFunction(RuleNode node, Value[] args, int[]? hits)
    {
        Value? result = null;
        for (var r = 0; r < node.Rules.Count; r++)
        {
            if (!IsCandidate(node, hits, r))
            {
                continue;
            }

            var rule = node.Rules[r];
            for (var link = rule; link is not null; link = link.Else)
            {
                var frame = new Value?[link.SlotCount];
                var produced = false;
                var l = link;
                var constant = l.Value is ValueTerm;
                BindArgs(l.Args!, args, 0, frame, () => EvalBody(l.Body, 0, frame, () => EvalTerm(l.Value!, frame, v =>
                {
                    if (result is not null && !result.Equals(v))
                    {
                        throw new RegoException(new RegoError(ErrorCodes.EvalConflict, "functions must not produce multiple outputs for same inputs", l.Location));
                    }

                    result = v;
                    produced = true;
                    return constant;
                })));
                if (produced)
                {
                    break;
                }
            }
        }

        if (result is null && node.Default is { } def)
        {
            var frame = new Value?[def.SlotCount];
            EvalTerm(def.Value!, frame, v =>
            {
                result = v;
                return true;
            });
        }

        return result;
    }

    private bool BindArgs(List<Term> patterns, Value[] args, int i, Value?[] f, Func<bool> k)
    {
        if (i == patterns.Count)
        {
            return k();
        }

        return UnifyValue(patterns[i], args[i], f, () => BindArgs(patterns, args, i + 1, f, k));
    }
}

internal static class CallTermExtensions
{
    /// <summary>OPA names operators by their builtin name in errors (<c>div</c>, <c>plus</c>).</summary>
    public static string DisplayNameForErrors(this CallTerm c) => c.Target?.Builtin?.Name ?? c.DisplayName;
}
