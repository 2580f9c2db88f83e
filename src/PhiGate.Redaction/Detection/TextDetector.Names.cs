namespace PhiGate.Redaction.Detection;

internal static partial class TextDetector
{
    private static void DetectNames(ReadOnlySpan<char> text, List<PhiMatch> matches)
    {
        AddNames(TextPatterns.NameAfterHonorific(), text, matches);
        AddNames(TextPatterns.NameAfterContext(), text, matches);
        AddNames(TextPatterns.NameBeforeCredential(), text, matches);
        AddNames(TextPatterns.LastCommaFirst(), text, matches);
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
