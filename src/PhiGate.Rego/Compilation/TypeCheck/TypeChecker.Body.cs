using System.Runtime.CompilerServices;
using PhiGate.Rego.Ast;
using PhiGate.Rego.Types;
using PhiGate.Rego.Values;

namespace PhiGate.Rego.Compilation.TypeCheck;

/// <summary>Bodies and expressions: calls, unification and the binding of variables.</summary>
internal sealed partial class TypeChecker
{
    private void CheckBody(List<Expr> body)
    {
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            return;
        }

        foreach (var e in body)
        {
            CheckExpr(e);
        }
    }

    private void CheckExpr(Expr e)
    {
        if (e.With is { } with)
        {
            foreach (var w in with)
            {
                CheckWith(w);
            }
        }

        var before = _errorCount;
        switch (e.Kind)
        {
            case ExprKind.Term when e.Left is CallTerm call:
                CheckCall(call, null, nested: false);
                break;
            case ExprKind.Term:
                TypeOf(e.Left!);
                break;
            case ExprKind.Unify:
            case ExprKind.Assign:
                var left = TypeOf(e.Left!);
                var right = TypeOf(e.Right!);
                if (!Unify2(e.Left!, left, e.Right!, right) && _errorCount == before)
                {
                    Report($"match error\n\tleft  : {RegoType.Print(left)}\n\tright : {RegoType.Print(right)}", e.Location);
                }

                break;
            case ExprKind.SomeIn:
                TypeOf(e.Right!);
                BindAny(e.Key);
                BindAny(e.Left);
                break;
            case ExprKind.Every:
                TypeOf(e.Right!);
                BindAny(e.Key);
                BindAny(e.Left);
                CheckBody(e.Body!);
                break;
            case ExprKind.Group:
            case ExprKind.And:
            case ExprKind.Or:
                foreach (var operand in e.Operands!)
                {
                    CheckBody(operand);
                }

                break;
        }
    }

    /// <summary>A function replaced by another function must keep its arity and argument types.</summary>
    private void CheckWith(WithModifier w)
    {
        if (w.Replacement is not { } replacement || w.FunctionName is not { } name)
        {
            return;
        }

        var target = w.Kind switch
        {
            WithTargetKind.Builtin => BuiltinSignature(name),
            WithTargetKind.Function => FunctionSignature(name),
            _ => null,
        };
        var value = replacement.Builtin is { } b ? b.Signature : replacement.Function is { } fn ? NodeType(fn) as FunctionType : null;
        if (target is null || value is null || RegoType.Unifies(target, value))
        {
            return;
        }

        var have = string.Join(", ", value.Args.Select(RegoType.Print));
        var want = string.Join(", ", target.Args.Select(RegoType.Print));
        Report($"{name}: arity mismatch\n\thave: ({have})\n\twant: ({want})", w.Location);
    }

    private FunctionType? BuiltinSignature(string name) =>
        builtins.TryGet(name, out var d) ? d.Signature : null;

    private FunctionType? FunctionSignature(string pathText)
    {
        var parts = pathText.Split('.');
        var node = parts.Length > 1 && parts[0] == "data" ? root.Find(parts.AsSpan(1)) : null;
        return node is { IsFunction: true } ? NodeType(node) as FunctionType : null;
    }

    /// <summary>Gives the unbound variables of a pattern the type <c>any</c>.</summary>
    private void BindAny(Term? pattern)
    {
        if (pattern is not null)
        {
            Unify1(pattern, RegoType.Any, union: true);
        }
    }

    /// <summary>Checks a call's arguments against its signature and returns its result type.</summary>
    private RegoType? CheckCall(CallTerm call, Term? output, bool nested)
    {
        FunctionType? signature = null;
        string name = call.DisplayName;
        if (call.Target?.Builtin is { } builtin)
        {
            signature = builtin.Signature;
            name = builtin.Name;
        }
        else if (call.Target?.Function is { } fn)
        {
            signature = NodeType(fn) as FunctionType;
            name = fn.PathText;
        }

        if (signature is null || signature.Args.Length != call.Args.Length)
        {
            foreach (var a in call.Args)
            {
                TypeOf(a);
            }

            return RegoType.Any;
        }

        var before = _errorCount;
        for (var i = 0; i < call.Args.Length; i++)
        {
            if (!Unify1(call.Args[i], signature.Args[i], union: false))
            {
                if (_errorCount == before)
                {
                    ReportArgs(call, output, nested, name, signature);
                }

                return RegoType.Any;
            }
        }

        return signature.Result ?? RegoType.Any;
    }

    private void ReportArgs(CallTerm call, Term? output, bool nested, string name, FunctionType signature)
    {
        var have = call.Args.Select(a => RegoType.Print(TypeOfSilently(a))).ToList();
        if (output is not null)
        {
            have.Add(RegoType.Print(TypeOfSilently(output)));
        }
        else if (nested)
        {
            have.Add("???");
        }

        var want = signature.Args.Select(RegoType.Print).ToList();
        if (signature.Result is not null)
        {
            want.Add(RegoType.Print(signature.Result));
        }

        Report($"{name}: invalid argument(s)\n\thave: ({string.Join(", ", have)})\n\twant: ({string.Join(", ", want)})", call.Location);
    }

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
