namespace PhiGate.Redaction.Tests.Quality;

/// <summary>A note with its gold PHI spans, parsed from the [[CATEGORY:text]] markup.</summary>
internal sealed record LabelledNote(string Text, IReadOnlyList<(int Start, int Length, PhiCategory Category)> Spans)
{
    public static IReadOnlyList<LabelledNote> Load()
    {
        var path = Path.Combine(TestContext.CurrentContext.TestDirectory, "Data", "clinical-notes.txt");
        var paragraphs = File.ReadAllText(path)
            .Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => string.Join('\n', p.Split('\n').Where(line => !line.StartsWith('#'))).Trim())
            .Where(p => p.Length > 0);
        return [.. paragraphs.Select(Parse)];
    }

    public static LabelledNote Parse(string marked)
    {
        var text = new System.Text.StringBuilder();
        var spans = new List<(int, int, PhiCategory)>();
        var position = 0;
        while (position < marked.Length)
        {
            var open = marked.IndexOf("[[", position, StringComparison.Ordinal);
            if (open < 0)
            {
                text.Append(marked, position, marked.Length - position);
                break;
            }

            text.Append(marked, position, open - position);
            var colon = marked.IndexOf(':', open);
            var close = marked.IndexOf("]]", colon, StringComparison.Ordinal);
            var categoryName = marked[(open + 2)..colon];
            if (!PhiCategories.TryParse(categoryName, out var category))
            {
                throw new FormatException("unknown category in the labelled notes: " + categoryName);
            }

            var value = marked[(colon + 1)..close];
            spans.Add((text.Length, value.Length, category));
            text.Append(value);
            position = close + 2;
        }

        return new LabelledNote(text.ToString(), spans);
    }
}
