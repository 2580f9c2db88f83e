using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace PhiGate.Redaction.Json;

/// <summary>
/// A small direct-mapped cache in front of <see cref="FieldNames.Classify"/>, owned by one session (one
/// thread): documents repeat a few dozen property names, so most lookups are two word reads and one
/// short compare instead of normalizing the name. Entries hold the name bytes inline; nothing is allocated.
/// </summary>
internal sealed class FieldNameCache
{
    private const int Size = 256;
    private const int MaxLength = 32;
    private readonly Entry[] _entries = new Entry[Size];

    public (FieldKind Kind, PhiCategory Category) Classify(ReadOnlySpan<byte> name)
    {
        if (name.Length is 0 or > MaxLength)
        {
            return FieldNames.Classify(name);
        }

        ref var entry = ref _entries[Slot(name)];
        if (entry.Length == name.Length && name.SequenceEqual(((ReadOnlySpan<byte>)entry.Bytes)[..entry.Length]))
        {
            return (entry.Kind, entry.Category);
        }

        var result = FieldNames.Classify(name);
        name.CopyTo(entry.Bytes);
        entry.Length = (byte)name.Length;
        entry.Kind = result.Kind;
        entry.Category = result.Category;
        return result;
    }

    private static int Slot(ReadOnlySpan<byte> name)
    {
        ulong first;
        ulong last;
        if (name.Length >= 8)
        {
            first = MemoryMarshal.Read<ulong>(name);
            last = MemoryMarshal.Read<ulong>(name[^8..]);
        }
        else
        {
            first = 0;
            for (var i = 0; i < name.Length; i++)
            {
                first = (first << 8) | name[i];
            }

            last = 0;
        }

        var mixed = (first * 0x9E3779B97F4A7C15UL) ^ (last * 0xC2B2AE3D27D4EB4FUL) ^ (ulong)name.Length;
        return (int)(mixed >> 56);
    }

    [InlineArray(MaxLength)]
    private struct NameBytes
    {
        private byte _element;
    }

    private struct Entry
    {
        public NameBytes Bytes;
        public byte Length;
        public FieldKind Kind;
        public PhiCategory Category;
    }
}
