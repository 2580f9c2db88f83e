using PhiGate.Rego.Ast;
using PhiGate.Rego.Diagnostics;
using PhiGate.Rego.Values;

namespace PhiGate.Rego.Compilation;

internal sealed partial class Compiler
{
    private int _generated;

    private static readonly VarTerm DataRootTerm = new("data", Location.None) { Slot = VarTerm.DataRoot };

    private void ResolveExpr(Expr e, Scope scope, ResolveContext ctx)
    {
        switch (e.Kind)
        {
            case ExprKind.Term:
                e.Left = ResolveTerm(e.Left!, scope, ctx);
                if (e.Left is CallTerm { Target: { } target } call && call.Args.Length == target.Arity + 1)
                {
                    var output = call.Args[^1];
                    call.Args = call.Args[..^1];
                    e.Kind = ExprKind.Unify;
                    e.Right = output;
                }

                break;
            case ExprKind.Unify:
            case ExprKind.Assign:
                e.Left = ResolveTerm(e.Left!, scope, ctx);
                e.Right = ResolveTerm(e.Right!, scope, ctx);
                break;
            case ExprKind.SomeDecl:
                break;
            case ExprKind.SomeIn:
                if (e.Key is not null)
                {
                    e.Key = ResolveTerm(e.Key, scope, ctx);
                }

                e.Left = ResolveTerm(e.Left!, scope, ctx);
                e.Right = ResolveTerm(e.Right!, scope, ctx);
                break;
            case ExprKind.Every:
                e.Right = ResolveTerm(e.Right!, scope, ctx);
                var child = new Scope(scope, scope.Slots);
                if (e.Key is not null)
                {
                    DeclarePatternVars(e.Key, child, fresh: true);
                    e.Key = ResolveTerm(e.Key, child, ctx);
                }

                DeclarePatternVars(e.Left!, child, fresh: true);
                e.Left = ResolveTerm(e.Left!, child, ctx);
                ResolveBody(e.Body!, child, ctx);
                e.Closure = ClosureOf(e.Body!, scope);
                break;
            case ExprKind.Group:
            case ExprKind.And:
            case ExprKind.Or:
                var closure = new HashSet<int>();
                foreach (var operand in e.Operands!)
                {
                    ResolveBody(operand, new Scope(scope, scope.Slots), ctx);
                    closure.UnionWith(ClosureOf(operand, scope));
                }

                e.Closure = [.. closure.Order()];
                break;
        }

        if (e.With is not null)
        {
            foreach (var w in e.With)
            {
                ResolveWith(w, scope, ctx);
            }
        }
    }

    private int[] ClosureOf(List<Expr> body, Scope outer)
    {
        var all = new HashSet<int>();
        foreach (var x in body)
        {
            Scheduler.CollectExprSlots(x, all);
        }

        return [.. all.Where(outer.IsVisible).Order()];
    }

    private Term ResolveTerm(Term t, Scope scope, ResolveContext ctx, bool declareMissing = true)
    {
        switch (t)
        {
            case ValueTerm:
                return t;
            case VarTerm v:
                return ResolveVar(v, scope, ctx, declareMissing);
            case RefTerm r:
                var head = ResolveTerm(r.Head, scope, ctx, declareMissing);
                for (var i = 0; i < r.Path.Length; i++)
                {
                    r.Path[i] = ResolveTerm(r.Path[i], scope, ctx, declareMissing);
                }

                if (head is RefTerm inner)
                {
                    return new RefTerm(inner.Head, [.. inner.Path, .. r.Path], r.Location);
                }

                r.Head = head;
                return r;
            case ArrayTerm a:
                for (var i = 0; i < a.Items.Length; i++)
                {
                    a.Items[i] = ResolveTerm(a.Items[i], scope, ctx, declareMissing);
                }

                return Fold(a);
            case SetTerm s:
                for (var i = 0; i < s.Items.Length; i++)
                {
                    s.Items[i] = ResolveTerm(s.Items[i], scope, ctx, declareMissing);
                }

                return Fold(s);
            case ObjectTerm o:
                for (var i = 0; i < o.Entries.Length; i++)
                {
                    o.Entries[i] = (ResolveTerm(o.Entries[i].Key, scope, ctx, declareMissing), ResolveTerm(o.Entries[i].Value, scope, ctx, declareMissing));
                }

                return Fold(o);
            case ComprehensionTerm c:
                var child = new Scope(scope, scope.Slots);
                ResolveBody(c.Body, child, ctx);
                c.Head = ResolveTerm(c.Head, child, ctx, declareMissing: false);
                if (c.ValueHead is not null)
                {
                    c.ValueHead = ResolveTerm(c.ValueHead, child, ctx, declareMissing: false);
                }

                var all = new HashSet<int>();
                Scheduler.CollectAllSlots(c, all);
                c.Closure = [.. all.Where(scope.IsVisible).Order()];
                return c;
            case CallTerm call:
                return ResolveCall(call, scope, ctx, declareMissing);
            case TemplateTerm tt:
                foreach (var part in tt.Parts)
                {
                    if (part.Expr is { } pe)
                    {
                        var loc = pe.Location;
                        var gen = "$t" + (++_generated).ToString(System.Globalization.CultureInfo.InvariantCulture);
                        var holder = new VarTerm(gen, loc);
                        var valueTerm = pe.Kind == ExprKind.Term ? pe.Left! : pe.Right ?? pe.Left!;
                        var body = new Expr(ExprKind.Unify, loc) { Left = holder, Right = valueTerm, With = pe.With };
                        var comp = new ComprehensionTerm(ComprehensionKind.Set, new VarTerm(gen, loc), null, [body], loc);
                        part.Compiled = (ComprehensionTerm)ResolveTerm(comp, scope, ctx, declareMissing);
                    }
                }

                return tt;
            default:
                return t;
        }
    }

    private Term ResolveVar(VarTerm v, Scope scope, ResolveContext ctx, bool declareMissing)
    {
        if (v.Slot == VarTerm.DataRoot || v.Slot == VarTerm.InputRoot)
        {
            return v;
        }

        if (v.Name == "_")
        {
            v.Slot = scope.Declare("_");
            return v;
        }

        if (scope.TryLookup(v.Name, out var slot))
        {
            v.Slot = slot;
            return v;
        }

        switch (v.Name)
        {
            case "data":
                v.Slot = VarTerm.DataRoot;
                return v;
            case "input":
                v.Slot = VarTerm.InputRoot;
                return v;
        }

        if (ctx.Imports.TryGetValue(v.Name, out var path))
        {
            var root = new VarTerm(path[0], v.Location) { Slot = path[0] == "data" ? VarTerm.DataRoot : VarTerm.InputRoot };
            if (path.Length == 1)
            {
                return root;
            }

            return new RefTerm(root, [.. path.Skip(1).Select(p => (Term)new ValueTerm(Value.From(p), v.Location))], v.Location);
        }

        if (ctx.PackageNames.Contains(v.Name))
        {
            return new RefTerm(DataRootTerm, [.. ctx.Package.Append(v.Name).Select(p => (Term)new ValueTerm(Value.From(p), v.Location))], v.Location);
        }

        v.Slot = declareMissing ? scope.Declare(v.Name) : scope.Slots.Next(v.Name);
        return v;
    }

    /// <summary>Folds collections of constants into one value so evaluation does no work for them.</summary>
    private static Term Fold(Term t)
    {
        switch (t)
        {
            case ArrayTerm a when a.Items.All(x => x is ValueTerm):
                return new ValueTerm(ArrayValue.Create(a.Items.Select(x => ((ValueTerm)x).Value).ToArray()), a.Location);
            case SetTerm s when s.Items.All(x => x is ValueTerm):
                return new ValueTerm(SetValue.Create(s.Items.Select(x => ((ValueTerm)x).Value).ToArray()), s.Location);
            case ObjectTerm o when o.Entries.All(x => x.Key is ValueTerm && x.Value is ValueTerm):
                var b = new ObjectBuilder(o.Entries.Length);
                foreach (var (k, v) in o.Entries)
                {
                    b.Add(((ValueTerm)k).Value, ((ValueTerm)v).Value);
                }

                return new ValueTerm(b.Build(), o.Location);
            default:
                return t;
        }
    }

    private Term ResolveCall(CallTerm call, Scope scope, ResolveContext ctx, bool declareMissing)
    {
        if (call.Name is ["print"])
        {
            var operands = call.Args.Select(a =>
            {
                var gen = "$p" + (++_generated).ToString(System.Globalization.CultureInfo.InvariantCulture);
                var holder = new VarTerm(gen, a.Location);
                var body = new Expr(ExprKind.Unify, a.Location) { Left = holder, Right = a };
                return (Term)new ComprehensionTerm(ComprehensionKind.Set, new VarTerm(gen, a.Location), null, [body], a.Location);
            }).ToArray();
            call = new CallTerm(["internal", "print"], [new ArrayTerm(operands, call.Location)], call.Location);
        }

        if (MetadataCall(call) is { } metadata)
        {
            return metadata;
        }

        if (call.Target is null)
        {
            call.Target = ResolveCallTarget(call.Name, scope, ctx, call.Location);
        }

        for (var i = 0; i < call.Args.Length; i++)
        {
            call.Args[i] = ResolveTerm(call.Args[i], scope, ctx, declareMissing);
        }

        if (call.Target is { } target && call.Args.Length != target.Arity && call.Args.Length != target.Arity + 1)
        {
            Error(ErrorCodes.Type, $"{call.DisplayName}: arity mismatch: want {target.Arity} arguments, have {call.Args.Length}", call.Location);
        }

        return call;
    }

    private CallTarget? ResolveCallTarget(string[] name, Scope scope, ResolveContext ctx, Location loc)
    {
        var node = FunctionNodeFor(name, scope, ctx);
        if (node is not null)
        {
            if (!node.IsFunction)
            {
                Error(ErrorCodes.Type, $"undefined function {string.Join('.', name)}", loc);
                return null;
            }

            return new CallTarget { Function = node, Arity = FunctionArity(node) };
        }

        var joined = string.Join('.', name);
        if (_builtins.TryGet(joined, out var def))
        {
            return new CallTarget { Builtin = def, Arity = def.Arity };
        }

        Error(ErrorCodes.Type, $"undefined function {joined}", loc);
        return null;
    }

    private static int FunctionArity(RuleNode node) => (node.Rules.Count > 0 ? node.Rules[0] : node.Default!).Args!.Count;

    /// <summary>Finds the rule node a call name refers to (package-relative, import alias or absolute), or null for builtins.</summary>
    private RuleNode? FunctionNodeFor(string[] name, Scope scope, ResolveContext ctx)
    {
        string[] full;
        if (name[0] == "data")
        {
            full = name[1..];
        }
        else if (ctx.Imports.TryGetValue(name[0], out var imp) && imp[0] == "data")
        {
            full = [.. imp.Skip(1), .. name.Skip(1)];
        }
        else if (ctx.PackageNames.Contains(name[0]) && !scope.TryLookup(name[0], out _))
        {
            full = [.. ctx.Package, .. name];
        }
        else
        {
            return null;
        }

        return _root.Find(full) ?? (name[0] == "data" ? new RuleNode(full) : null);
    }

    private void ResolveWith(WithModifier w, Scope scope, ResolveContext ctx)
    {
        var rawValue = PathNames(w.Value);
        if (rawValue is not null && !scope.TryLookup(rawValue[0], out _) && !ctx.IsGlobal(rawValue[0])
            && _builtins.TryGet(string.Join('.', rawValue), out var replacementBuiltin))
        {
            w.Replacement = new CallTarget { Builtin = replacementBuiltin, Arity = replacementBuiltin.Arity };
            w.Value = new ValueTerm(Value.Null, w.Location);
        }
        else
        {
            w.Value = ResolveTerm(w.Value, scope, ctx);
        }

        var names = PathNames(w.Target);
        if (names is null)
        {
            // Targets like input["a"] with non-name keys: resolve and accept ground keys.
            var resolved = ResolveTerm(w.Target, scope, ctx, declareMissing: false);
            if (resolved is RefTerm { Head: VarTerm { Slot: VarTerm.InputRoot or VarTerm.DataRoot } h } rr && rr.Path.All(p => p is ValueTerm))
            {
                w.Kind = h.Slot == VarTerm.InputRoot ? WithTargetKind.Input : WithTargetKind.Data;
                w.Path = [.. rr.Path.Select(p => ((ValueTerm)p).Value)];
                ResolveReplacement(w, scope, ctx);
                return;
            }

            Error(ErrorCodes.Type, "with keyword target must reference existing input, data, or a function", w.Location);
            return;
        }

        if (names[0] == "input" && !scope.TryLookup("input", out _))
        {
            w.Kind = WithTargetKind.Input;
            w.Path = [.. names.Skip(1).Select(Value.From)];
            return;
        }

        var node = FunctionNodeFor(names, scope, ctx);
        if (node is not null && node.IsFunction)
        {
            w.Kind = WithTargetKind.Function;
            w.FunctionName = node.PathText;
            ResolveReplacement(w, scope, ctx);
            return;
        }

        if (names[0] == "data" || (node is null && (ctx.Imports.ContainsKey(names[0]) || ctx.PackageNames.Contains(names[0]))))
        {
            var resolved = ResolveTerm(w.Target, scope, ctx, declareMissing: false);
            var rnames = PathNames(resolved is RefTerm { Head: VarTerm { Slot: VarTerm.DataRoot } } r2 ? new RefTerm(new VarTerm("data", r2.Location), r2.Path, r2.Location) : resolved);
            if (rnames is not null && rnames[0] == "input")
            {
                w.Kind = WithTargetKind.Input;
                w.Path = [.. rnames.Skip(1).Select(Value.From)];
                return;
            }

            w.Kind = WithTargetKind.Data;
            w.Path = rnames is null ? [] : [.. rnames.Skip(1).Select(Value.From)];
            return;
        }

        if (node is not null)
        {
            w.Kind = WithTargetKind.Data;
            w.Path = [.. node.Path.Select(Value.From)];
            return;
        }

        var joined = string.Join('.', names);
        if (_builtins.TryGet(joined, out _))
        {
            w.Kind = WithTargetKind.Builtin;
            w.FunctionName = joined;
            ResolveReplacement(w, scope, ctx);
            return;
        }

        Error(ErrorCodes.Type, "with keyword target must reference existing input, data, or a function", w.Location);
    }

    private void ResolveReplacement(WithModifier w, Scope scope, ResolveContext ctx)
    {
        if (w.Replacement is not null)
        {
            return;
        }

        var names = w.Value switch
        {
            RefTerm { Head: VarTerm { Slot: VarTerm.DataRoot } } r => PathNames(new RefTerm(new VarTerm("data", r.Location), r.Path, r.Location)),
            VarTerm { Slot: < 0 } v => [v.Name],
            _ => null,
        };
        if (names is null)
        {
            return;
        }

        var node = FunctionNodeFor(names, scope, ctx);
        if (node is not null && node.IsFunction)
        {
            w.Replacement = new CallTarget { Function = node, Arity = FunctionArity(node) };
            return;
        }

        if (node is null && _builtins.TryGet(string.Join('.', names), out var def))
        {
            w.Replacement = new CallTarget { Builtin = def, Arity = def.Arity };
        }
    }
}
