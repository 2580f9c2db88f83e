using PhiGate.Rego.Ast;
using PhiGate.Rego.Diagnostics;
using PhiGate.Rego.Types;

namespace PhiGate.Rego.Compilation.TypeCheck;

/// <summary>
/// Infers the types of local variables, rule values and function signatures, and reports
/// <c>rego_type_error</c> where OPA's type checker does: a builtin or function argument whose type can
/// never match the declared one, a reference into a value that is not a collection (or to a key it cannot
/// have), and a unification of terms whose types never meet.
/// </summary>
/// <remarks>
/// 1. Rules are checked on demand, so a rule's type is known before the rules that refer to it
///    (<see cref="NodeType"/>); recursion was rejected earlier.
/// 2. A body is checked in its scheduled order; a variable takes the type of its first binding and every
///    later use must unify with it (<see cref="CheckBody"/>).
/// 3. Whatever cannot be inferred is <c>any</c>, which unifies with everything: the checker may miss an
///    error OPA reports, but must never report one OPA accepts. Base documents and <c>input</c> are
///    <c>any</c> (schemas are not supported).
/// </remarks>
internal sealed partial class TypeChecker(RuleNode root, List<RegoError> errors, Builtins.BuiltinRegistry builtins)
{
    private readonly Dictionary<RuleNode, RegoType?> _nodeTypes = [];
    private readonly HashSet<RuleNode> _inProgress = [];
    private readonly HashSet<(Location, string)> _reported = [];
    private RegoType?[] _slots = [];
    private int _errorCount;
    private int _silent;

    /// <summary>Checks every rule in the tree.</summary>
    public void CheckAll() => Visit(root);

    /// <summary>Checks an ad-hoc query body.</summary>
    public void CheckQuery(List<Expr> body, int slotCount)
    {
        _slots = new RegoType?[slotCount];
        CheckBody(body);
    }

    private void Visit(RuleNode node)
    {
        if (node.HasRules)
        {
            NodeType(node);
        }

        foreach (var c in node.Children.Values)
        {
            Visit(c);
        }
    }

    private void Report(string message, Location location)
    {
        if (_silent == 0 && _reported.Add((location, message)))
        {
            _errorCount++;
            errors.Add(new RegoError(ErrorCodes.Type, message, location));
        }
    }

    /// <summary>The type of the document (or function) a rule node defines; <c>any</c> when unknown.</summary>
    private RegoType? NodeType(RuleNode node)
    {
        if (_nodeTypes.TryGetValue(node, out var known))
        {
            return known;
        }

        if (!_inProgress.Add(node))
        {
            return RegoType.Any;
        }

        var saved = _slots;
        RegoType? type = null;
        var first = true;
        var unknown = false;
        var rules = node.Default is { } d ? node.Rules.Prepend(d) : node.Rules;
        foreach (var rule in rules)
        {
            for (var link = rule; link is not null; link = link.Else)
            {
                var t = RuleType(rule, link);
                if (t is null)
                {
                    unknown = true;
                    continue;
                }

                type = first ? t : RegoType.Or(type, t);
                first = false;
            }
        }

        _slots = saved;
        _inProgress.Remove(node);
        // Deeper rules under this one (p[x] := 1 beside p.d.r := 3) extend its document; leave it untyped.
        var extended = !node.IsFunction && node.Children.Values.Any(c => c.HasAnyRules());
        if (unknown || extended || type is null || (node.IsFunction && type is not FunctionType))
        {
            type = node.IsFunction ? null : RegoType.Any;
        }

        _nodeTypes[node] = type;
        return type;
    }

    /// <summary>Checks one rule (or else link) and returns the type it contributes, or null when unknown.</summary>
    private RegoType? RuleType(Rule rule, Rule link)
    {
        _slots = new RegoType?[Math.Max(link.SlotCount, 0)];
        var before = _errorCount;
        CheckBody(link.Body);
        var value = link.Value is null ? null : TypeOf(link.Value);
        var key = rule.Key is null || link != rule ? null : TypeOf(rule.Key);
        var suffix = link == rule ? rule.Suffix.Select(TypeOf).ToArray() : [];
        if (_errorCount != before)
        {
            return null;
        }

        switch (rule.Kind)
        {
            case RuleKind.Function:
                var args = new RegoType?[link.Args!.Count];
                for (var i = 0; i < args.Length; i++)
                {
                    // Else links share the argument terms of the first link, so only a lone rule types them.
                    args[i] = rule.Else is null ? Known(TypeOf(link.Args[i])) : RegoType.Any;
                }

                return new FunctionType(args, Known(value));
            case RuleKind.Complete:
                return NilToNull(value);
            case RuleKind.PartialSet:
                return rule.Suffix.Length == 0 && NilToNull(key) is { } k ? new SetType(k) : null;
            case RuleKind.PartialObject:
                // A constant key in the head (p[1][x]) makes OPA type the document by its ground prefix
                // only; leave such documents untyped.
                if (link != rule || rule.Suffix.Any(t => t is ValueTerm) || NilToNull(value) is not { } v)
                {
                    return null;
                }

                for (var i = suffix.Length - 1; i >= 0; i--)
                {
                    if (NilToNull(suffix[i]) is not { } kt)
                    {
                        return null;
                    }

                    v = new ObjectType([], kt, v);
                }

                return v;
            default:
                return null;
        }
    }

    private static RegoType Known(RegoType? t) => RegoType.IsNil(t) ? RegoType.Any : t!;

    private static RegoType? NilToNull(RegoType? t) => RegoType.IsNil(t) ? null : t;
}
