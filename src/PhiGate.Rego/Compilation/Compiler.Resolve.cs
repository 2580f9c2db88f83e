using PhiGate.Rego.Ast;
using PhiGate.Rego.Diagnostics;
using PhiGate.Rego.Values;

namespace PhiGate.Rego.Compilation;

internal sealed partial class Compiler
{
    private readonly Dictionary<Module, ResolveContext> _contexts = [];

    private ResolveContext ContextFor(Module m)
    {
        if (_contexts.TryGetValue(m, out var ctx))
        {
            return ctx;
        }

        ctx = new ResolveContext(m, m.Package, _packageNames[string.Join('.', m.Package)]);
        foreach (var imp in m.Imports)
        {
            var names = PathNames(imp.Path);
            if (names is null || names.Length == 0)
            {
                Error(ErrorCodes.Parse, "invalid import path", imp.Location);
                continue;
            }

            if (names[0] is "future" or "rego")
            {
                continue;
            }

            if (names[0] is not ("data" or "input"))
            {
                Error(ErrorCodes.Parse, "invalid import path: must begin with input or data", imp.Location);
                continue;
            }

            var alias = imp.Alias ?? names[^1];
            if (names.Length == 1 && imp.Alias is null)
            {
                continue;
            }

            ctx.Imports[alias] = names;
        }

        _contexts[m] = ctx;
        return ctx;
    }

    private static string[]? PathNames(Term t)
    {
        switch (t)
        {
            case VarTerm v:
                return [v.Name];
            case RefTerm { Head: VarTerm h } r:
                var list = new List<string> { h.Name };
                foreach (var p in r.Path)
                {
                    if (p is ValueTerm { Value: StringValue s })
                    {
                        list.Add(s.Value);
                    }
                    else
                    {
                        return null;
                    }
                }

                return [.. list];
            default:
                return null;
        }
    }

    private void CompileRule(Module m, Rule rule)
    {
        var ctx = ContextFor(m);
        _currentRule = rule;
        for (var link = rule; link is not null; link = link.Else)
        {
            var slots = new SlotAllocator();
            var scope = new Scope(null, slots);
            var bound = new HashSet<int>();
            if (link.Args is not null)
            {
                MoveTemplateArgsToBody(rule, link);
                for (var i = 0; i < link.Args.Count; i++)
                {
                    DeclarePatternVars(link.Args[i], scope, fresh: true);
                    link.Args[i] = ResolveTerm(link.Args[i], scope, ctx);
                    Scheduler.CollectAllSlots(link.Args[i], bound);
                }
            }

            ResolveBody(link.Body, scope, ctx);
            if (link == rule)
            {
                for (var i = 0; i < rule.Suffix.Length; i++)
                {
                    rule.Suffix[i] = ResolveTerm(rule.Suffix[i], scope, ctx, declareMissing: false);
                }
            }

            if (link.Key is not null)
            {
                link.Key = ResolveTerm(link.Key, scope, ctx, declareMissing: false);
            }

            if (link.Value is not null)
            {
                link.Value = ResolveTerm(link.Value, scope, ctx, declareMissing: false);
            }

            var sched = new Scheduler(slots, _errors);
            link.Body = sched.Schedule(link.Body, bound);
            var headSlots = new HashSet<int>();
            if (link == rule)
            {
                foreach (var s in rule.Suffix)
                {
                    sched.CollectNeeded(s, headSlots);
                }
            }

            if (link.Key is not null)
            {
                sched.CollectNeeded(link.Key, headSlots);
            }

            if (link.Value is not null)
            {
                sched.CollectNeeded(link.Value, headSlots);
            }

            foreach (var s in headSlots.Order())
            {
                if (!sched.Bound.Contains(s))
                {
                    Error(ErrorCodes.UnsafeVar, $"var {slots.Names[s]} is unsafe", link.Location);
                }
            }

            link.SlotCount = slots.Count;
        }
    }

    /// <summary>
    /// A template string as a function argument (<c>f($"{x} {input.y}")</c>) may read variables the body
    /// binds, so, as OPA rewrites it, the argument becomes a fresh variable unified with the template after
    /// the body. (Else links share the first link's arguments, so only a lone rule is rewritten.)
    /// </summary>
    private void MoveTemplateArgsToBody(Rule rule, Rule link)
    {
        if (link != rule || rule.Else is not null)
        {
            return;
        }

        for (var i = 0; i < link.Args!.Count; i++)
        {
            if (link.Args[i] is TemplateTerm template)
            {
                var name = "$arg" + (++_generated).ToString(System.Globalization.CultureInfo.InvariantCulture);
                link.Args[i] = new VarTerm(name, template.Location);
                link.Body.Add(new Expr(ExprKind.Unify, template.Location) { Left = new VarTerm(name, template.Location), Right = template });
            }
        }
    }

    private void ResolveBody(List<Expr> body, Scope scope, ResolveContext ctx)
    {
        // Explicit declarations first: `some`, `some x in`, `:=`.
        foreach (var e in body)
        {
            switch (e.Kind)
            {
                case ExprKind.SomeDecl:
                    foreach (var v in e.SomeVars!)
                    {
                        if (v.Name != "_" && scope.DeclaredHere(v.Name))
                        {
                            Error(ErrorCodes.Compile, $"var {v.Name} declared above", v.Location);
                        }

                        v.Slot = scope.Declare(v.Name);
                    }

                    break;
                case ExprKind.SomeIn:
                    if (e.Key is not null)
                    {
                        DeclarePatternVars(e.Key, scope, fresh: true);
                    }

                    DeclarePatternVars(e.Left!, scope, fresh: true);
                    break;
                case ExprKind.Assign:
                    DeclareAssigned(e.Left!, scope, ctx);
                    break;
            }
        }

        // Implicit variables of this body level belong to this scope unless an outer scope has them.
        var names = new List<(string, Location)>();
        foreach (var e in body)
        {
            CollectLevelVars(e, names);
        }

        foreach (var (name, _) in names)
        {
            if (name != "_" && !scope.TryLookup(name, out _) && !ctx.IsGlobal(name))
            {
                scope.Declare(name);
            }
        }

        foreach (var e in body)
        {
            ResolveExpr(e, scope, ctx);
        }
    }

    private void DeclareAssigned(Term t, Scope scope, ResolveContext ctx)
    {
        switch (t)
        {
            case VarTerm v:
                if (v.Name == "_")
                {
                    return;
                }

                if (scope.DeclaredHere(v.Name))
                {
                    Error(ErrorCodes.Compile, $"var {v.Name} assigned above", v.Location);
                    return;
                }

                if (ctx.PackageNames.Contains(v.Name) || v.Name is "data" or "input")
                {
                    Error(ErrorCodes.Compile, $"var {v.Name} assigned above", v.Location);
                    return;
                }

                scope.Declare(v.Name);
                break;
            case ArrayTerm a:
                foreach (var x in a.Items)
                {
                    DeclareAssigned(x, scope, ctx);
                }

                break;
            case ObjectTerm o:
                foreach (var (_, x) in o.Entries)
                {
                    DeclareAssigned(x, scope, ctx);
                }

                break;
        }
    }

    private static void DeclarePatternVars(Term t, Scope scope, bool fresh)
    {
        switch (t)
        {
            case VarTerm v:
                if (v.Name != "_" && (fresh || !scope.TryLookup(v.Name, out _)))
                {
                    scope.Declare(v.Name);
                }

                break;
            case ArrayTerm a:
                foreach (var x in a.Items)
                {
                    DeclarePatternVars(x, scope, fresh);
                }

                break;
            case ObjectTerm o:
                foreach (var (_, x) in o.Entries)
                {
                    DeclarePatternVars(x, scope, fresh);
                }

                break;
        }
    }

    /// <summary>Collects variable names used at this body level (nested bodies excluded).</summary>
    private static void CollectLevelVars(Expr e, List<(string, Location)> names)
    {
        switch (e.Kind)
        {
            case ExprKind.SomeDecl:
                return;
            case ExprKind.SomeIn:
                CollectTermVars(e.Right!, names);
                return;
            case ExprKind.Every:
                CollectTermVars(e.Right!, names);
                return;
        }

        if (e.Left is not null)
        {
            CollectTermVars(e.Left, names);
        }

        if (e.Right is not null)
        {
            CollectTermVars(e.Right, names);
        }

    }

    private static void CollectTermVars(Term t, List<(string, Location)> names)
    {
        switch (t)
        {
            case VarTerm v:
                names.Add((v.Name, v.Location));
                break;
            case RefTerm r:
                CollectTermVars(r.Head, names);
                foreach (var p in r.Path)
                {
                    CollectTermVars(p, names);
                }

                break;
            case ArrayTerm a:
                foreach (var x in a.Items)
                {
                    CollectTermVars(x, names);
                }

                break;
            case SetTerm s:
                foreach (var x in s.Items)
                {
                    CollectTermVars(x, names);
                }

                break;
            case ObjectTerm o:
                foreach (var (k, x) in o.Entries)
                {
                    CollectTermVars(k, names);
                    CollectTermVars(x, names);
                }

                break;
            case CallTerm c:
                foreach (var x in c.Args)
                {
                    CollectTermVars(x, names);
                }

                break;
        }
    }
}
