using PhiGate.Rego.Ast;

namespace PhiGate.Rego.Compilation;

/// <summary>
/// One node of the virtual document tree: <c>data.pkg.p</c>. A node may hold rules (it is then a virtual
/// document) and children (deeper rule paths). Base documents live beside it in the data store.
/// </summary>
internal sealed class RuleNode(string[] path)
{
    public string[] Path { get; } = path;

    public Dictionary<string, RuleNode> Children { get; } = new(StringComparer.Ordinal);

    public List<Rule> Rules { get; } = [];

    public Rule? Default { get; set; }

    /// <summary>Gets or sets the rule kind shared by every rule at this node.</summary>
    public RuleKind? Kind { get; set; }

    public bool HasRules => Rules.Count > 0 || Default is not null;

    public bool IsFunction => Kind == RuleKind.Function;

    /// <summary>Gets or sets the index that picks candidate rules (null when the node is not worth indexing).</summary>
    public RuleIndex? Index { get; set; }

    /// <summary>Gets or sets a dense id used by the per-query cache.</summary>
    public int Id { get; set; }

    public string PathText => "data." + string.Join('.', Path);

    public RuleNode GetOrAdd(string name)
    {
        if (!Children.TryGetValue(name, out var child))
        {
            child = new RuleNode([.. Path, name]);
            Children[name] = child;
        }

        return child;
    }

    /// <summary>Finds the node at a path, or null.</summary>
    public RuleNode? Find(ReadOnlySpan<string> path)
    {
        var n = this;
        foreach (var p in path)
        {
            if (!n.Children.TryGetValue(p, out n))
            {
                return null;
            }
        }

        return n;
    }

    /// <summary>Gets whether this node or any descendant holds rules.</summary>
    public bool HasAnyRules()
    {
        if (HasRules)
        {
            return true;
        }

        foreach (var c in Children.Values)
        {
            if (c.HasAnyRules())
            {
                return true;
            }
        }

        return false;
    }
}
