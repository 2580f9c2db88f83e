using PhiGate.Rego.Ast;
using PhiGate.Rego.Diagnostics;
using PhiGate.Rego.Values;

namespace PhiGate.Rego.Compilation;

internal sealed partial class Compiler
{
    /// <summary>Reports rules that depend on themselves, as OPA does (<c>rego_recursion_error</c>).</summary>
    private void CheckRecursion()
    {
        var deps = new Dictionary<RuleNode, HashSet<RuleNode>>();
        CollectNodes(_root, deps);
        var state = new Dictionary<RuleNode, int>();
        var stack = new List<RuleNode>();
        var reported = new HashSet<RuleNode>();
        foreach (var node in deps.Keys.OrderBy(n => n.PathText, StringComparer.Ordinal))
        {
            Visit(node, deps, state, stack, reported);
        }
    }

    private void Visit(RuleNode node, Dictionary<RuleNode, HashSet<RuleNode>> deps, Dictionary<RuleNode, int> state, List<RuleNode> stack, HashSet<RuleNode> reported)
    {
        state.TryGetValue(node, out var s);
        if (s == 2)
        {
            return;
        }

        if (s == 1)
        {
            var start = stack.IndexOf(node);
            var cycle = stack.Skip(start).Append(node).Select(n => n.PathText);
            if (reported.Add(node))
            {
                var rule = node.Rules.Count > 0 ? node.Rules[0] : node.Default;
                Error(ErrorCodes.Recursion, $"rule {node.PathText} is recursive: {string.Join(" -> ", cycle)}", rule?.Location ?? Location.None);
            }

            return;
        }

        state[node] = 1;
        stack.Add(node);
        if (deps.TryGetValue(node, out var next))
        {
            foreach (var d in next.OrderBy(n => n.PathText, StringComparer.Ordinal))
            {
                Visit(d, deps, state, stack, reported);
            }
        }

        stack.RemoveAt(stack.Count - 1);
        state[node] = 2;
    }

    private void CollectNodes(RuleNode node, Dictionary<RuleNode, HashSet<RuleNode>> deps)
    {
        if (node.HasRules)
        {
            var set = new HashSet<RuleNode>();
            foreach (var rule in node.Rules.Append(node.Default))
            {
                for (var link = rule; link is not null; link = link.Else)
                {
                    foreach (var e in link.Body)
                    {
                        DepsOfExpr(e, set);
                    }

                    foreach (var t in new[] { link.Key, link.Value }.Concat(link.Args ?? []).Concat(link.Suffix))
                    {
                        if (t is not null)
                        {
                            DepsOfTerm(t, set);
                        }
                    }
                }
            }

            deps[node] = set;
        }

        foreach (var c in node.Children.Values)
        {
            CollectNodes(c, deps);
        }
    }

    private void DepsOfExpr(Expr e, HashSet<RuleNode> set)
    {
        foreach (var t in new[] { e.Left, e.Right, e.Key })
        {
            if (t is not null)
            {
                DepsOfTerm(t, set);
            }
        }

        foreach (var x in e.Body ?? [])
        {
            DepsOfExpr(x, set);
        }

        foreach (var operand in e.Operands ?? [])
        {
            foreach (var x in operand)
            {
                DepsOfExpr(x, set);
            }
        }

        foreach (var w in e.With ?? [])
        {
            DepsOfTerm(w.Value, set);
        }
    }

    private void DepsOfTerm(Term t, HashSet<RuleNode> set)
    {
        switch (t)
        {
            case RefTerm r:
                if (r.Head is VarTerm { Slot: VarTerm.DataRoot })
                {
                    DataDeps(r.Path, set);
                }
                else
                {
                    DepsOfTerm(r.Head, set);
                }

                foreach (var p in r.Path)
                {
                    DepsOfTerm(p, set);
                }

                break;
            case VarTerm { Slot: VarTerm.DataRoot }:
                AllRuleNodes(_root, set);
                break;
            case CallTerm c:
                if (c.Target?.Function is { } fn)
                {
                    set.Add(fn);
                }

                foreach (var a in c.Args)
                {
                    DepsOfTerm(a, set);
                }

                break;
            case ArrayTerm a:
                foreach (var x in a.Items)
                {
                    DepsOfTerm(x, set);
                }

                break;
            case SetTerm s:
                foreach (var x in s.Items)
                {
                    DepsOfTerm(x, set);
                }

                break;
            case ObjectTerm o:
                foreach (var (k, v) in o.Entries)
                {
                    DepsOfTerm(k, set);
                    DepsOfTerm(v, set);
                }

                break;
            case ComprehensionTerm comp:
                DepsOfTerm(comp.Head, set);
                if (comp.ValueHead is not null)
                {
                    DepsOfTerm(comp.ValueHead, set);
                }

                foreach (var x in comp.Body)
                {
                    DepsOfExpr(x, set);
                }

                break;
            case TemplateTerm tt:
                foreach (var part in tt.Parts)
                {
                    if (part.Compiled is not null)
                    {
                        DepsOfTerm(part.Compiled, set);
                    }
                }

                break;
        }
    }

    private void DataDeps(Term[] path, HashSet<RuleNode> set) => DataDeps(_root, path, 0, set);

    private static void DataDeps(RuleNode node, Term[] path, int i, HashSet<RuleNode> set)
    {
        if (node.HasRules)
        {
            set.Add(node);
            return;
        }

        if (i == path.Length)
        {
            AllRuleNodes(node, set);
            return;
        }

        if (path[i] is ValueTerm { Value: StringValue s })
        {
            if (node.Children.TryGetValue(s.Value, out var child))
            {
                DataDeps(child, path, i + 1, set);
            }

            return;
        }

        foreach (var c in node.Children.Values)
        {
            DataDeps(c, path, i + 1, set);
        }
    }

    private static void AllRuleNodes(RuleNode node, HashSet<RuleNode> set)
    {
        if (node.HasRules)
        {
            set.Add(node);
            return;
        }

        foreach (var c in node.Children.Values)
        {
            AllRuleNodes(c, set);
        }
    }
}
