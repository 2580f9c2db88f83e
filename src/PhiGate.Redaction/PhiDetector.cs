using PhiGate.Redaction.Detection;

namespace PhiGate.Redaction;

/// <summary>The free-text detectors, for callers outside the redactor (URL and header checks).</summary>
public static class PhiDetector
{
    /// <summary>Appends the identifiers found in <paramref name="text"/> (sorted, non-overlapping).</summary>
    public static void Detect(ReadOnlySpan<char> text, List<PhiMatch> matches)
    {
        ArgumentNullException.ThrowIfNull(matches);
        TextDetector.Detect(text, matches);
    }
}
