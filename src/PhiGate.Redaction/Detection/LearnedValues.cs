namespace PhiGate.Redaction.Detection;

/// <summary>
/// Identifying values seen earlier in the same document (a Patient's names, city, street), searched for
/// in later free text such as narratives, reference displays and organization names. Lives for one
/// document only and is cleared between documents.
/// </summary>
internal sealed class LearnedValues
{
    private const int MaxEntries = 256;
    private const int MinLength = 3;
    private readonly List<(string Value, PhiCategory Category)> _entries = [];

    public int Count => _entries.Count;

    public void Clear() => _entries.Clear();

    public void Add(ReadOnlySpan<char> value, PhiCategory category)
    {
        value = value.Trim();
        if (value.Length < MinLength || value.Length > 128 || _entries.Count >= MaxEntries || Validators.IsAllDigits(value))
        {
            return;
        }

        foreach (var (existing, _) in _entries)
        {
            if (value.Equals(existing, StringComparison.OrdinalIgnoreCase))
            {
                return;
            }
        }

        _entries.Add((value.ToString(), category));
    }

    /// <summary>Adds every whole-word occurrence of a learned value (case-insensitive).</summary>
    public void FindIn(ReadOnlySpan<char> text, List<PhiMatch> matches)
    {
        foreach (var (value, category) in _entries)
        {
            var offset = 0;
            while (offset < text.Length)
            {
                var index = text[offset..].IndexOf(value, StringComparison.OrdinalIgnoreCase);
                if (index < 0)
                {
                    break;
                }

                var start = offset + index;
                var end = start + value.Length;
                if ((start == 0 || !char.IsLetterOrDigit(text[start - 1])) && (end == text.Length || !char.IsLetterOrDigit(text[end])))
                {
                    matches.Add(new PhiMatch(start, value.Length, category));
                }

                offset = end;
            }
        }
    }
}
