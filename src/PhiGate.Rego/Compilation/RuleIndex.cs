using PhiGate.Rego.Ast;
using PhiGate.Rego.Values;

namespace PhiGate.Rego.Compilation;

/// <summary>
/// Picks the rules of one node whose equality conditions can hold, so that a node with many definitions
/// (200 <c>allow if { input.method == "GET"; input.path == "/x" }</c>) evaluates only the candidates, as
/// OPA's rule index does.
/// </summary>
/// <remarks>
/// An indexable condition is a top-level, non-negated expression without <c>with</c> that compares an
/// operand with a constant (<c>==</c> or <c>=</c>): the operand is a ground reference to <c>input</c> or to
/// a base document under <c>data</c>, or (for functions) an argument, either a constant argument pattern
/// <c>f("GET")</c> or an argument variable compared in the body. Each distinct operand has a table from
/// constant to the rules that require it; at evaluation every operand is read once, each matching rule
/// counts a hit, and a rule is a candidate when all its conditions hit. An undefined operand makes its
/// conditions fail, exactly as the expression would. Rules with an <c>else</c> chain, with a <c>print</c>
/// call or without indexable conditions are always candidates; the default rule is untouched.
/// </remarks>
internal sealed class RuleIndex
{
    /// <summary>The smallest number of rules at a node worth indexing.</summary>
    public const int MinRules = 4;

    private RuleIndex(IndexOperand[] operands, int[] needed)
    {
        Operands = operands;
        Needed = needed;
    }

    /// <summary>Gets the operands compared with constants, each with its table of rule ids by constant.</summary>
    public IndexOperand[] Operands { get; }

    /// <summary>Gets, per rule, how many conditions must hit (0: always a candidate).</summary>
    public int[] Needed { get; }

    /// <summary>Builds the index of a node, or null when it would not exclude anything.</summary>
    public static RuleIndex? Build(RuleNode node, RuleNode root)
    {
        if (node.Rules.Count < MinRules)
        {
            return null;
        }

        var operands = new List<IndexOperand>();
        var needed = new int[node.Rules.Count];
        var indexed = 0;
        for (var r = 0; r < node.Rules.Count; r++)
        {
            var rule = node.Rules[r];
            if (rule.Else is not null || RuleWalker.ContainsPrint(rule))
            {
                continue;
            }

            var conditions = new HashSet<(int Operand, Value Constant)>();
            if (rule.Args is not null)
            {
                for (var i = 0; i < rule.Args.Count; i++)
                {
                    if (rule.Args[i] is ValueTerm v)
                    {
                        conditions.Add((OperandFor(operands, i, null), v.Value));
                    }
                }
            }

            foreach (var e in rule.Body)
            {
                if (Condition(e, rule, root) is { } c)
                {
                    conditions.Add((OperandFor(operands, c.ArgIndex, c.Ref), c.Constant));
                }
            }

            foreach (var (op, constant) in conditions)
            {
                var table = operands[op].RulesByValue;
                if (!table.TryGetValue(constant, out var ids))
                {
                    ids = [];
                    table[constant] = ids;
                }

                ids.Add(r);
            }

            needed[r] = conditions.Count;
            indexed += conditions.Count > 0 ? 1 : 0;
        }

        return indexed >= 2 ? new RuleIndex([.. operands], needed) : null;
    }

    private static int OperandFor(List<IndexOperand> operands, int argIndex, RefTerm? reference)
    {
        var text = reference is null ? null : OperandText(reference);
        for (var i = 0; i < operands.Count; i++)
        {
            if (operands[i].ArgIndex == argIndex && operands[i].Text == text)
            {
                return i;
            }
        }

        operands.Add(new IndexOperand(argIndex, reference, text));
        return operands.Count - 1;
    }

    /// <summary>An exact text for a ground reference (<c>input["a.b"]</c> and <c>input.a.b</c> differ).</summary>
    private static string OperandText(RefTerm r)
    {
        var head = r.Head is VarTerm { Slot: VarTerm.InputRoot } ? "input" : "data";
        return head + string.Concat(r.Path.Select(p => "[" + ((ValueTerm)p).Value + "]"));
    }

    /// <summary>Recognises <c>operand == constant</c> (either side, <c>==</c> or <c>=</c>).</summary>
    private static (int ArgIndex, RefTerm? Ref, Value Constant)? Condition(Expr e, Rule rule, RuleNode root)
    {
        if (e.Negated || e.With is { Count: > 0 })
        {
            return null;
        }

        Term? a;
        Term? b;
        switch (e)
        {
            case { Kind: ExprKind.Unify }:
                (a, b) = (e.Left, e.Right);
                break;
            case { Kind: ExprKind.Term, Left: CallTerm { Target.Builtin.Name: "equal", Args.Length: 2 } call }:
                (a, b) = (call.Args[0], call.Args[1]);
                break;
            default:
                return null;
        }

        if (b is ValueTerm && a is not ValueTerm)
        {
            (a, b) = (b, a);
        }

        if (a is not ValueTerm constant)
        {
            return null;
        }

        switch (b)
        {
            case RefTerm r when IsIndexableRef(r, root):
                return (-1, r, constant.Value);
            case VarTerm v when ArgumentIndex(rule, v) is var i and >= 0:
                return (i, null, constant.Value);
            default:
                return null;
        }
    }

    private static int ArgumentIndex(Rule rule, VarTerm v)
    {
        if (rule.Args is null || v.Slot < 0)
        {
            return -1;
        }

        for (var i = 0; i < rule.Args.Count; i++)
        {
            if (rule.Args[i] is VarTerm a && a.Slot == v.Slot)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>A ground reference to <c>input</c>, or to base data that no rule defines or overlaps.</summary>
    private static bool IsIndexableRef(RefTerm r, RuleNode root)
    {
        foreach (var p in r.Path)
        {
            if (p is not ValueTerm { Value: StringValue or NumberValue })
            {
                return false;
            }
        }

        switch (r.Head)
        {
            case VarTerm { Slot: VarTerm.InputRoot }:
                return true;
            case VarTerm { Slot: VarTerm.DataRoot }:
                var node = root;
                foreach (var p in r.Path)
                {
                    if (node.HasRules)
                    {
                        return false;
                    }

                    if (p is not ValueTerm { Value: StringValue s })
                    {
                        return !node.HasAnyRules();
                    }

                    if (!node.Children.TryGetValue(s.Value, out var child))
                    {
                        return true;
                    }

                    node = child;
                }

                return !node.HasAnyRules();
            default:
                return false;
        }
    }
}

/// <summary>One operand of indexed conditions: a ground reference, or a function argument by position.</summary>
internal sealed class IndexOperand(int argIndex, RefTerm? reference, string? text)
{
    /// <summary>Gets the argument position, or -1 for a reference.</summary>
    public int ArgIndex { get; } = argIndex;

    public RefTerm? Reference { get; } = reference;

    public string? Text { get; } = text;

    public Dictionary<Value, List<int>> RulesByValue { get; } = [];
}
