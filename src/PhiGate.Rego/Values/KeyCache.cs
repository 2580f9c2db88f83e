using System.Collections.Concurrent;
using System.Text;

namespace PhiGate.Rego.Values;

/// <summary>
/// Shares <see cref="StringValue"/> instances for short, identifier-like JSON property names (<c>attributes</c>,
/// <c>method</c>, ...), which repeat in every request input. Bounded in size; keys with other characters are
/// never cached.
/// </summary>
internal static class KeyCache
{
    private const int MaxEntries = 4096;
    private const int MaxLength = 40;
    private static readonly ConcurrentDictionary<string, StringValue> Cache = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, StringValue>.AlternateLookup<ReadOnlySpan<char>> Lookup = Cache.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Gets the value for a property name given as UTF-8 bytes (unescaped).</summary>
    public static StringValue Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length == 0 || utf8.Length > MaxLength || !IsIdentifierLike(utf8))
        {
            return StringValue.Create(Encoding.UTF8.GetString(utf8));
        }

        Span<char> chars = stackalloc char[MaxLength];
        for (var i = 0; i < utf8.Length; i++)
        {
            chars[i] = (char)utf8[i];
        }

        var span = chars[..utf8.Length];
        if (Lookup.TryGetValue(span, out var cached))
        {
            return cached;
        }

        var value = StringValue.Create(new string(span));
        if (Cache.Count < MaxEntries)
        {
            Cache.TryAdd(value.Value, value);
        }

        return value;
    }

    private static bool IsIdentifierLike(ReadOnlySpan<byte> utf8)
    {
        foreach (var b in utf8)
        {
            if (!(b is (>= (byte)'a' and <= (byte)'z') or (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'0' and <= (byte)'9') or (byte)'_' or (byte)'-' or (byte)':' or (byte)'.'))
            {
                return false;
            }
        }

        return true;
    }
}
