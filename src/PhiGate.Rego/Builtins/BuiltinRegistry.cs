using System.Collections.Frozen;

namespace PhiGate.Rego.Builtins;

/// <summary>
/// The table of builtins, keyed by Rego name. Families add themselves in <see cref="BuiltinFamilies"/>;
/// the default registry is built once and shared by every compiled policy.
/// </summary>
internal sealed class BuiltinRegistry
{
    private readonly Dictionary<string, BuiltinDefinition> _builtins = new(StringComparer.Ordinal);
    private FrozenDictionary<string, BuiltinDefinition>? _frozen;

    private static readonly Lazy<BuiltinRegistry> DefaultInstance = new(() =>
    {
        var r = new BuiltinRegistry();
        BuiltinFamilies.RegisterAll(r);
        r.Freeze();
        return r;
    });

    /// <summary>Gets the registry holding every family.</summary>
    public static BuiltinRegistry Default => DefaultInstance.Value;

    /// <summary>Registers a function. <paramref name="argTypes"/> fixes the arity.</summary>
    public BuiltinDefinition Add(string name, string[] argTypes, string resultType, BuiltinFunction function, bool nondeterministic = false)
    {
        return Put(new BuiltinDefinition(name, argTypes, resultType, function, null) { Nondeterministic = nondeterministic });
    }

    /// <summary>Registers a relation (a builtin that yields several results, like <c>walk</c>).</summary>
    public BuiltinDefinition AddRelation(string name, string[] argTypes, string resultType, BuiltinRelation relation)
    {
        return Put(new BuiltinDefinition(name, argTypes, resultType, null, relation));
    }

    /// <summary>Registers another name for an existing builtin (OPA keeps deprecated aliases).</summary>
    public void Alias(string alias, string existing)
    {
        var d = _builtins[existing];
        Put(new BuiltinDefinition(alias, d.ArgTypes, d.ResultType, d.Function, d.Relation) { Nondeterministic = d.Nondeterministic });
    }

    private BuiltinDefinition Put(BuiltinDefinition d)
    {
        if (_frozen is not null)
        {
            throw new InvalidOperationException("the builtin registry is frozen");
        }

        if (!_builtins.TryAdd(d.Name, d))
        {
            throw new InvalidOperationException($"builtin {d.Name} registered twice");
        }

        return d;
    }

    /// <summary>Looks a builtin up by its Rego name.</summary>
    public bool TryGet(string name, out BuiltinDefinition definition)
    {
        var table = (IReadOnlyDictionary<string, BuiltinDefinition>?)_frozen ?? _builtins;
        return table.TryGetValue(name, out definition!);
    }

    /// <summary>Gets whether any builtin name starts with <paramref name="prefix"/> followed by a dot.</summary>
    public bool IsNamespace(string prefix)
    {
        var p = prefix + ".";
        foreach (var k in _builtins.Keys)
        {
            if (k.StartsWith(p, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Gets every registered name.</summary>
    public IEnumerable<string> Names => _builtins.Keys;

    private void Freeze() => _frozen = _builtins.ToFrozenDictionary(StringComparer.Ordinal);
}
