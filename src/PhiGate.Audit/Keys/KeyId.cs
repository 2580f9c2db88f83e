namespace PhiGate.Audit;

/// <summary>Key ids appear inside digests and records, so they are short plain tokens.</summary>
internal static class KeyId
{
    public const int MaxLength = 64;

    public static bool IsValid(ReadOnlySpan<char> id)
    {
        if (id.IsEmpty || id.Length > MaxLength)
        {
            return false;
        }

        foreach (var c in id)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_' or '.'))
            {
                return false;
            }
        }

        return true;
    }
}
