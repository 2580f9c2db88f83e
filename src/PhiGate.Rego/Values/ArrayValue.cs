using System.Text;

namespace PhiGate.Rego.Values;

/// <summary>An immutable Rego array.</summary>
public sealed class ArrayValue : Value
{
    internal static readonly ArrayValue Empty = new([]);
    private readonly Value[] _items;
    private int _hash;

    private ArrayValue(Value[] items)
    {
        _items = items;
    }

    /// <inheritdoc />
    public override ValueKind Kind => ValueKind.Array;

    /// <summary>Gets the number of elements.</summary>
    public int Count => _items.Length;

    /// <summary>Gets the elements.</summary>
    public ReadOnlySpan<Value> Items => _items;

    /// <summary>Gets an element by index.</summary>
    public Value this[int index] => _items[index];

    /// <summary>Wraps an array the caller will never mutate again.</summary>
    internal static ArrayValue Create(Value[] items) => items.Length == 0 ? Empty : new ArrayValue(items);

    internal static ArrayValue Create(List<Value> items) => items.Count == 0 ? Empty : new ArrayValue([.. items]);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var h = _hash;
        if (h == 0)
        {
            var hc = new HashCode();
            hc.Add(0x61727261);
            foreach (var v in _items)
            {
                hc.Add(v.GetHashCode());
            }

            h = hc.ToHashCode() | 1;
            _hash = h;
        }

        return h;
    }

    private protected override int CompareSameKind(Value other) => CompareSequences(_items, ((ArrayValue)other)._items);

    internal static int CompareSequences(ReadOnlySpan<Value> a, ReadOnlySpan<Value> b)
    {
        var n = Math.Min(a.Length, b.Length);
        for (var i = 0; i < n; i++)
        {
            var c = Compare(a[i], b[i]);
            if (c != 0)
            {
                return c;
            }
        }

        return a.Length.CompareTo(b.Length);
    }

    internal override void WriteRego(StringBuilder sb)
    {
        sb.Append('[');
        for (var i = 0; i < _items.Length; i++)
        {
            if (i > 0)
            {
                sb.Append(", ");
            }

            _items[i].WriteRego(sb);
        }

        sb.Append(']');
    }
}
