namespace PhiGate.Redaction.Operators;

/// <summary>
/// Three-digit ZIP prefixes whose area held 20,000 people or fewer (the HHS Safe Harbor guidance, 2000
/// census). For these, the Safe Harbor method requires 000 instead of the prefix.
/// </summary>
internal static class ZipCodes
{
    private static readonly int[] Restricted = [36, 59, 63, 102, 203, 556, 692, 790, 821, 823, 830, 831, 878, 879, 884, 890, 893];

    public static bool IsRestrictedPrefix(int prefix) => Array.IndexOf(Restricted, prefix) >= 0;
}
