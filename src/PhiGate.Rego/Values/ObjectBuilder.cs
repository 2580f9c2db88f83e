namespace PhiGate.Rego.Values;

/// <summary>Collects entries for an object; later entries with an equal key replace earlier ones.</summary>
public sealed class ObjectBuilder
{
    private readonly List<KeyValuePair<Value, Value>> _entries;

    /// <summary>Creates a builder.</summary>
    public ObjectBuilder(int capacity = 4)
    {
        _entries = new List<KeyValuePair<Value, Value>>(capacity);
    }

    /// <summary>Gets the number of entries added (before deduplication).</summary>
    public int Count => _entries.Count;

    /// <summary>Adds or replaces an entry.</summary>
    public ObjectBuilder Add(Value key, Value value)
    {
        _entries.Add(new KeyValuePair<Value, Value>(key, value));
        return this;
    }

    /// <summary>Adds an entry with a string key.</summary>
    public ObjectBuilder Add(string key, Value value) => Add(StringValue.Create(key), value);

    /// <summary>Builds the object.</summary>
    public ObjectValue Build()
    {
        var n = _entries.Count;
        if (n == 0)
        {
            return ObjectValue.Empty;
        }

        // Stable sort keeps insertion order among equal keys, so the last one wins below.
        var order = new int[n];
        for (var i = 0; i < n; i++)
        {
            order[i] = i;
        }

        var entries = _entries;
        Array.Sort(order, (a, b) =>
        {
            var c = Value.Compare(entries[a].Key, entries[b].Key);
            return c != 0 ? c : a.CompareTo(b);
        });

        var keys = new List<Value>(n);
        var values = new List<Value>(n);
        foreach (var i in order)
        {
            var e = entries[i];
            if (keys.Count > 0 && Value.Compare(keys[^1], e.Key) == 0)
            {
                values[^1] = e.Value;
                continue;
            }

            keys.Add(e.Key);
            values.Add(e.Value);
        }

        return new ObjectValue([.. keys], [.. values]);
    }
}
