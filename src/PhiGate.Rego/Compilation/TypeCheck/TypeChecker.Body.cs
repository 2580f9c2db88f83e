using System.Runtime.CompilerServices;
using PhiGate.Rego.Ast;
using PhiGate.Rego.Types;
using PhiGate.Rego.Values;

namespace PhiGate.Rego.Compilation.TypeCheck;

/// <summary>Bodies and expressions: calls against signatures, and <c>with</c> replacements.</summary>
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
}
