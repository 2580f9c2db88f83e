using System.Text;

namespace PhiGate.Rego.Values;

/// <summary>An immutable Rego object; keys may be any value and are kept in canonical order.</summary>
public sealed class ObjectValue : Value
{
    internal static readonly ObjectValue Empty = new([], []);
    private readonly Value[] _keys;
    private readonly Value[] _values;
    private Dictionary<Value, int>? _index;
    private int _hash;

    internal ObjectValue(Value[] sortedKeys, Value[] values)
    {
        _keys = sortedKeys;
        _values = values;
    }

    /// <inheritdoc />
    public override ValueKind Kind => ValueKind.Object;

    /// <summary>Gets the number of entries.</summary>
    public int Count => _keys.Length;

    /// <summary>Gets the keys in canonical order.</summary>
    public ReadOnlySpan<Value> Keys => _keys;

    /// <summary>Gets the values in key order.</summary>
    public ReadOnlySpan<Value> Values => _values;

    /// <summary>Looks up a key.</summary>
    public bool TryGetValue(Value key, out Value value)
    {
        var i = IndexOf(key);
        if (i < 0)
        {
            value = Null;
            return false;
        }

        value = _values[i];
        return true;
    }

    /// <summary>Looks up a key; null when absent.</summary>
    public Value? Get(Value key)
    {
        var i = IndexOf(key);
        return i < 0 ? null : _values[i];
    }

    /// <summary>Looks up a string key; null when absent.</summary>
    public Value? Get(string key)
    {
        if (_keys.Length <= 8)
        {
            for (var i = 0; i < _keys.Length; i++)
            {
                if (_keys[i] is StringValue s && s.Value == key)
                {
                    return _values[i];
                }
            }

            return null;
        }

        return Get(StringValue.Create(key));
    }

    private int IndexOf(Value key)
    {
        if (_keys.Length <= 8)
        {
            for (var i = 0; i < _keys.Length; i++)
            {
                if (_keys[i].Equals(key))
                {
                    return i;
                }
            }

            return -1;
        }

        var idx = _index;
        if (idx is null)
        {
            idx = new Dictionary<Value, int>(_keys.Length);
            for (var i = 0; i < _keys.Length; i++)
            {
                idx[_keys[i]] = i;
            }

            _index = idx;
        }

        return idx.TryGetValue(key, out var j) ? j : -1;
    }

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var h = _hash;
        if (h == 0)
        {
            var hc = new HashCode();
            hc.Add(0x6f626a21);
            for (var i = 0; i < _keys.Length; i++)
            {
                hc.Add(_keys[i].GetHashCode());
                hc.Add(_values[i].GetHashCode());
            }

            h = hc.ToHashCode() | 1;
            _hash = h;
        }

        return h;
    }

    private protected override int CompareSameKind(Value other)
    {
        var o = (ObjectValue)other;
        var n = Math.Min(_keys.Length, o._keys.Length);
        for (var i = 0; i < n; i++)
        {
            var c = Compare(_keys[i], o._keys[i]);
            if (c != 0)
            {
                return c;
            }

            c = Compare(_values[i], o._values[i]);
            if (c != 0)
            {
                return c;
            }
        }

        return _keys.Length.CompareTo(o._keys.Length);
    }

    internal override void WriteRego(StringBuilder sb)
    {
        sb.Append('{');
        for (var i = 0; i < _keys.Length; i++)
        {
            if (i > 0)
            {
                sb.Append(", ");
            }

            _keys[i].WriteRego(sb);
            sb.Append(": ");
            _values[i].WriteRego(sb);
        }

        sb.Append('}');
    }
}
