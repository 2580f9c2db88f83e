namespace PhiGate.Redaction.Detection;

internal static partial class TextDetector
{
    private static void DetectNames(ReadOnlySpan<char> text, List<PhiMatch> matches)
    {
        AddContextualNames(TextPatterns.NameAfterHonorific(), TextPatterns.NameAfterHonorificOnly(), text, matches);
        AddContextualNames(TextPatterns.NameAfterContext(), TextPatterns.NameAfterContextOnly(), text, matches);
        AddNames(TextPatterns.NameBeforeCredential(), text, matches);
        AddNames(TextPatterns.LastCommaFirst(), text, matches);
    }

    private static void AddContextualNames(System.Text.RegularExpressions.Regex forward, System.Text.RegularExpressions.Regex valueOnly, ReadOnlySpan<char> text, List<PhiMatch> matches)
    {
        foreach (var m in forward.EnumerateMatches(text))
        {
            var slice = text.Slice(m.Index, m.Length);
            foreach (var v in valueOnly.EnumerateMatches(slice))
            {
                var length = NameRules.TrimStopWords(slice.Slice(v.Index, v.Length));
                if (length > 0)
                {
                    matches.Add(new PhiMatch(m.Index + v.Index, length, PhiCategory.Name));
                }
            }
        }
    }

    private static void AddNames(System.Text.RegularExpressions.Regex regex, ReadOnlySpan<char> text, List<PhiMatch> matches)
    {
        foreach (var m in regex.EnumerateMatches(text))
        {
            var length = NameRules.TrimStopWords(text.Slice(m.Index, m.Length));
            if (length > 0)
            {
                matches.Add(new PhiMatch(m.Index, length, PhiCategory.Name));
            }
        }
    }
}
