using System.Text;

namespace PhiGate.Rego.Values;

/// <summary>An immutable Rego set; elements are kept sorted in canonical order without duplicates.</summary>
public sealed class SetValue : Value
{
    internal static readonly SetValue Empty = new([]);
    private readonly Value[] _items;
    private HashSet<Value>? _index;
    private int _hash;

    private SetValue(Value[] sortedUnique)
    {
        _items = sortedUnique;
    }

    /// <inheritdoc />
    public override ValueKind Kind => ValueKind.Set;

    /// <summary>Gets the number of elements.</summary>
    public int Count => _items.Length;

    /// <summary>Gets the elements in canonical order.</summary>
    public ReadOnlySpan<Value> Items => _items;

    /// <summary>Creates a set from any elements (sorted and deduplicated here).</summary>
    internal static SetValue Create(Value[] items)
    {
        if (items.Length == 0)
        {
            return Empty;
        }

        var copy = (Value[])items.Clone();
        return FromUnsorted(copy, copy.Length);
    }

    /// <summary>Creates a set taking ownership of a buffer whose first <paramref name="count"/> items are used.</summary>
    internal static SetValue FromUnsorted(Value[] buffer, int count)
    {
        if (count == 0)
        {
            return Empty;
        }

        Array.Sort(buffer, 0, count, ValueComparer.Instance);
        var w = 1;
        for (var i = 1; i < count; i++)
        {
            if (Compare(buffer[i], buffer[w - 1]) != 0)
            {
                buffer[w++] = buffer[i];
            }
        }

        if (w != buffer.Length)
        {
            Array.Resize(ref buffer, w);
        }

        return new SetValue(buffer);
    }

    internal static SetValue FromSortedUnique(Value[] items) => items.Length == 0 ? Empty : new SetValue(items);

    /// <summary>Gets whether the set holds the value.</summary>
    public bool Contains(Value v)
    {
        if (_items.Length <= 8)
        {
            foreach (var x in _items)
            {
                if (x.Equals(v))
                {
                    return true;
                }
            }

            return false;
        }

        var idx = _index;
        if (idx is null)
        {
            idx = new HashSet<Value>(_items);
            _index = idx;
        }

        return idx.Contains(v);
    }

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var h = _hash;
        if (h == 0)
        {
            var hc = new HashCode();
            hc.Add(0x73657421);
            foreach (var v in _items)
            {
                hc.Add(v.GetHashCode());
            }

            h = hc.ToHashCode() | 1;
            _hash = h;
        }

        return h;
    }

    private protected override int CompareSameKind(Value other) => ArrayValue.CompareSequences(_items, ((SetValue)other)._items);

    internal override void WriteRego(StringBuilder sb)
    {
        if (_items.Length == 0)
        {
            sb.Append("set()");
            return;
        }

        sb.Append('{');
        for (var i = 0; i < _items.Length; i++)
        {
            if (i > 0)
            {
                sb.Append(", ");
            }

            _items[i].WriteRego(sb);
        }

        sb.Append('}');
    }
}
