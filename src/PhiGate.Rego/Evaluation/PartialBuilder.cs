using PhiGate.Rego.Diagnostics;
using PhiGate.Rego.Values;

namespace PhiGate.Rego.Evaluation;

/// <summary>Accumulates the values of partial rules (sets, objects, nested ref heads) and detects conflicts.</summary>
internal sealed class PartialBuilder
{
    private Dictionary<Value, PartialBuilder>? _children;
    private List<Value>? _set;
    private Value? _leaf;

    public void Insert(Value[] keys, Value leaf, bool isSet, Location location) => Insert(keys, 0, leaf, isSet, location);

    private void Insert(Value[] keys, int i, Value leaf, bool isSet, Location location)
    {
        if (i == keys.Length)
        {
            if (isSet)
            {
                if (_leaf is not null || _children is not null)
                {
                    throw Conflict(location);
                }

                (_set ??= []).Add(leaf);
                return;
            }

            if (_set is not null || _children is not null || (_leaf is not null && !_leaf.Equals(leaf)))
            {
                throw Conflict(location);
            }

            _leaf = leaf;
            return;
        }

        if (_leaf is not null || _set is not null)
        {
            throw Conflict(location);
        }

        _children ??= [];
        if (!_children.TryGetValue(keys[i], out var child))
        {
            child = new PartialBuilder();
            _children[keys[i]] = child;
        }

        child.Insert(keys, i + 1, leaf, isSet, location);
    }

    private static RegoException Conflict(Location location) =>
        new(new RegoError(ErrorCodes.EvalConflict, "object keys must be unique", location));

    public Value ToValue()
    {
        if (_leaf is not null)
        {
            return _leaf;
        }

        if (_set is not null)
        {
            return SetValue.FromUnsorted([.. _set], _set.Count);
        }

        var b = new ObjectBuilder(_children?.Count ?? 0);
        if (_children is not null)
        {
            foreach (var (k, c) in _children)
            {
                b.Add(k, c.ToValue());
            }
        }

        return b.Build();
    }
}
