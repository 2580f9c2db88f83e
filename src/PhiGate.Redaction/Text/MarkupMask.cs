namespace PhiGate.Redaction.Text;

/// <summary>
/// Blanks XHTML tags (FHIR narrative <c>div</c>) so the detectors see only the text and link targets:
/// namespace URLs and tag names are not PHI, while <c>href</c>/<c>src</c> values may be. Offsets are kept.
/// </summary>
internal static class MarkupMask
{
    public static void Blank(ReadOnlySpan<char> source, Span<char> destination)
    {
        source.CopyTo(destination);
        var i = 0;
        while (i < source.Length)
        {
            var open = source[i..].IndexOf('<');
            if (open < 0)
            {
                return;
            }

            var start = i + open;
            var close = source[start..].IndexOf('>');
            var end = close < 0 ? source.Length : start + close + 1;
            BlankTag(source[start..end], destination[start..end]);
            i = end;
        }
    }

    private static void BlankTag(ReadOnlySpan<char> tag, Span<char> destination)
    {
        destination.Fill(' ');
        foreach (var attribute in (ReadOnlySpan<string>)["href=\"", "src=\"", "href='", "src='"])
        {
            var at = tag.IndexOf(attribute, StringComparison.OrdinalIgnoreCase);
            if (at < 0)
            {
                continue;
            }

            var valueStart = at + attribute.Length;
            var quote = attribute[^1];
            var length = tag[valueStart..].IndexOf(quote);
            length = length < 0 ? tag.Length - valueStart : length;
            tag.Slice(valueStart, length).CopyTo(destination[valueStart..]);
        }
    }
}
