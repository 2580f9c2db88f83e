using System.Globalization;
using System.Numerics;

namespace PhiGate.Authz.Tokens;

/// <summary>
/// The full SHA-256 digests of recently verified tokens, in a fixed table of structs (no references, so the
/// garbage collector never traces it). A newer token can take an older one's slot: forgetting only costs one
/// more signature verification later.
/// </summary>
/// <remarks>
/// The whole 256-bit digest is compared, so a token matches only if its bytes are the very bytes that were
/// verified: finding another token with the same digest is as hard as breaking SHA-256. Slots are written under
/// one of 64 striped locks, so a reader never sees half of one digest and half of another.
/// </remarks>
internal sealed class RecentlyVerified
{
    private const int Stripes = 64;
    private readonly Digest[] _slots;
    private readonly Lock[] _locks;

    public RecentlyVerified(int capacity)
    {
        _slots = new Digest[(int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(Stripes, capacity))];
        _locks = new Lock[Stripes];
        for (var i = 0; i < Stripes; i++)
        {
            _locks[i] = new Lock();
        }
    }

    /// <summary>True when the token whose hex SHA-256 is <paramref name="tokenHash"/> was recorded and not yet overwritten.</summary>
    public bool Contains(string tokenHash)
    {
        if (!Digest.TryParse(tokenHash, out var digest))
        {
            return false;
        }

        var slot = SlotOf(digest);
        lock (_locks[slot & (Stripes - 1)])
        {
            return _slots[slot] == digest;
        }
    }

    /// <summary>True when the digest was already recorded; otherwise records it (one look at the slot, under its lock).</summary>
    public bool SeenOrRemember(string tokenHash)
    {
        if (!Digest.TryParse(tokenHash, out var digest))
        {
            return false;
        }

        var slot = SlotOf(digest);
        lock (_locks[slot & (Stripes - 1)])
        {
            if (_slots[slot] == digest)
            {
                return true;
            }

            _slots[slot] = digest;
            return false;
        }
    }

    private int SlotOf(in Digest digest) => (int)(digest.A & (ulong)(_slots.Length - 1));

    private readonly record struct Digest(ulong A, ulong B, ulong C, ulong D)
    {
        public static bool TryParse(string hex, out Digest digest)
        {
            digest = default;
            if (hex.Length != 64
                || !ulong.TryParse(hex.AsSpan(0, 16), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var a)
                || !ulong.TryParse(hex.AsSpan(16, 16), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var b)
                || !ulong.TryParse(hex.AsSpan(32, 16), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var c)
                || !ulong.TryParse(hex.AsSpan(48, 16), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var d))
            {
                return false;
            }

            digest = new Digest(a, b, c, d);
            return true;
        }
    }
}
