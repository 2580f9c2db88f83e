using PhiGate.Rego.Ast;

namespace PhiGate.Rego.Compilation;

/// <summary>A lexical scope of variables: a rule body, or a nested comprehension or <c>every</c> body.</summary>
internal sealed class Scope(Scope? parent, SlotAllocator slots)
{
    private readonly Dictionary<string, int> _vars = new(StringComparer.Ordinal);

    public Scope? Parent { get; } = parent;

    public SlotAllocator Slots { get; } = slots;

    /// <summary>Gets the slots declared in this scope.</summary>
    public HashSet<int> Own { get; } = [];

    public int Declare(string name)
    {
        var slot = Slots.Next(name);
        if (name != "_")
        {
            _vars[name] = slot;
        }

        Own.Add(slot);
        return slot;
    }

    public bool DeclaredHere(string name) => _vars.ContainsKey(name);

    public bool TryLookup(string name, out int slot)
    {
        for (var s = this; s is not null; s = s.Parent)
        {
            if (s._vars.TryGetValue(name, out slot))
            {
                return true;
            }
        }

        slot = -1;
        return false;
    }

    /// <summary>Gets whether the slot belongs to this scope or one of its ancestors.</summary>
    public bool IsVisible(int slot)
    {
        for (var s = this; s is not null; s = s.Parent)
        {
            if (s.Own.Contains(slot))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>Hands out frame slots for one rule (or query) and remembers their names.</summary>
internal sealed class SlotAllocator
{
    public List<string> Names { get; } = [];

    public int Count => Names.Count;

    public int Next(string name)
    {
        Names.Add(name);
        return Names.Count - 1;
    }
}
