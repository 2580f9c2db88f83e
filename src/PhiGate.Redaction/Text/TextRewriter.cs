using System.Buffers;
using PhiGate.Redaction.Detection;
using PhiGate.Redaction.Operators;

namespace PhiGate.Redaction.Text;

/// <summary>Builds the redacted copy of a text from its matches, applying each match's operator.</summary>
internal static class TextRewriter
{
    /// <summary>
    /// Writes <paramref name="text"/> with every match replaced into <paramref name="buffer"/> (grown from the
    /// pool when needed) and returns the output length.
    /// </summary>
    public static int Rewrite(
        ReadOnlySpan<char> text,
        ReadOnlySpan<PhiMatch> matches,
        in OperatorContext context,
        ref char[] buffer,
        ref RedactionCounts counts)
    {
        var needed = text.Length;
        foreach (var match in matches)
        {
            needed += ValueOperators.MaxOutput(match.Length);
        }

        EnsureCapacity(ref buffer, needed);
        var output = buffer.AsSpan();
        var written = 0;
        var position = 0;
        foreach (var match in matches)
        {
            text[position..match.Start].CopyTo(output[written..]);
            written += match.Start - position;
            var rule = context.Profile[match.Category];
            written += ValueOperators.Apply(text.Slice(match.Start, match.Length), match.Category, rule, context, output[written..]);
            if (rule.Operator != Profiles.OperatorKind.Keep)
            {
                counts[(int)match.Category]++;
            }

            position = match.End;
        }

        text[position..].CopyTo(output[written..]);
        return written + (text.Length - position);
    }

    public static void EnsureCapacity<T>(ref T[] buffer, int needed)
    {
        if (buffer.Length >= needed)
        {
            return;
        }

        var bigger = ArrayPool<T>.Shared.Rent(Math.Max(needed, buffer.Length * 2));
        ArrayPool<T>.Shared.Return(buffer);
        buffer = bigger;
    }
}
