using System.Text;

namespace PhiGate.Rego.Values;

/// <summary>A Rego string (UTF-16 in memory; ordered by Unicode code point as OPA orders UTF-8 bytes).</summary>
public sealed class StringValue : Value
{
    internal static readonly StringValue Empty = new(string.Empty);
    private int _hash;

    private StringValue(string value)
    {
        Value = value;
    }

    /// <summary>Gets the string.</summary>
    public string Value { get; }

    /// <inheritdoc />
    public override ValueKind Kind => ValueKind.String;

    internal static StringValue Create(string s) => s.Length == 0 ? Empty : new StringValue(s);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var h = _hash;
        if (h == 0)
        {
            h = string.GetHashCode(Value, StringComparison.Ordinal) | 1;
            _hash = h;
        }

        return h;
    }

    private protected override int CompareSameKind(Value other) => CompareOrdinalCodePoints(Value, ((StringValue)other).Value);

    /// <summary>Compares strings by code point, which matches Go's byte-wise UTF-8 comparison.</summary>
    internal static int CompareOrdinalCodePoints(string a, string b)
    {
        var n = Math.Min(a.Length, b.Length);
        for (var i = 0; i < n; i++)
        {
            var ca = a[i];
            var cb = b[i];
            if (ca == cb)
            {
                continue;
            }

            // Surrogates (U+D800..U+DFFF) encode code points above U+FFFF, which sort after U+E000..U+FFFF.
            var sa = char.IsSurrogate(ca);
            var sb = char.IsSurrogate(cb);
            if (sa != sb)
            {
                return sa ? 1 : -1;
            }

            return ca < cb ? -1 : 1;
        }

        return a.Length.CompareTo(b.Length);
    }

    internal override void WriteRego(StringBuilder sb) => JsonText.WriteString(sb, Value);
}
