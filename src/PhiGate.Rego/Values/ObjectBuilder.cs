namespace PhiGate.Rego.Values;

/// <summary>Collects entries for an object; later entries with an equal key replace earlier ones.</summary>
public sealed class ObjectBuilder
{
    private Value[] _keys;
    private Value[] _values;
    private int _count;

    /// <summary>Creates a builder.</summary>
    public ObjectBuilder(int capacity = 4)
    {
        capacity = Math.Max(capacity, 1);
        _keys = new Value[capacity];
        _values = new Value[capacity];
    }

    /// <summary>Gets the number of entries added (before deduplication).</summary>
    public int Count => _count;

    /// <summary>Adds or replaces an entry.</summary>
    public ObjectBuilder Add(Value key, Value value)
    {
        if (_count == _keys.Length)
        {
            Array.Resize(ref _keys, _count * 2);
            Array.Resize(ref _values, _count * 2);
        }

        _keys[_count] = key;
        _values[_count] = value;
        _count++;
        return this;
    }

    /// <summary>Adds an entry with a string key.</summary>
    public ObjectBuilder Add(string key, Value value) => Add(StringValue.Create(key), value);

    /// <summary>Builds the object; the builder must not be used afterwards.</summary>
    public ObjectValue Build()
    {
        var n = _count;
        if (n == 0)
        {
            return ObjectValue.Empty;
        }

        var keys = _keys;
        var values = _values;

        // Stable insertion sort: inputs are small and often already sorted.
        for (var i = 1; i < n; i++)
        {
            var k = keys[i];
            var v = values[i];
            var j = i - 1;
            while (j >= 0 && Value.Compare(keys[j], k) > 0)
            {
                keys[j + 1] = keys[j];
                values[j + 1] = values[j];
                j--;
            }

            keys[j + 1] = k;
            values[j + 1] = v;
        }

        // Deduplicate: the last of equal keys wins (stable sort keeps insertion order among them).
        var w = 1;
        for (var i = 1; i < n; i++)
        {
            if (Value.Compare(keys[w - 1], keys[i]) == 0)
            {
                values[w - 1] = values[i];
            }
            else
            {
                keys[w] = keys[i];
                values[w] = values[i];
                w++;
            }
        }

        if (w != keys.Length)
        {
            Array.Resize(ref keys, w);
            Array.Resize(ref values, w);
        }

        _keys = [];
        _values = [];
        _count = 0;
        return new ObjectValue(keys, values);
    }
}
