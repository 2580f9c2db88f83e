using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace PhiGate.Rego.Builtins;

/// <summary>
/// A compiled RE2 pattern (linear-time .NET engine) plus Go's <c>regexp</c> iteration rules.
/// Patterns are cached process-wide: policies use a handful of constant patterns many times.
/// </summary>
internal sealed class Re2Regex
{
    private const int CacheLimit = 512;
    private static readonly ConcurrentDictionary<string, Re2Regex> Cache = new(StringComparer.Ordinal);

    private Re2Regex(Regex regex) => Regex = regex;

    public Regex Regex { get; }

    /// <summary>Compiles (or fetches) <paramref name="pattern"/>; false with a Go-style message when RE2 rejects it.</summary>
    public static bool TryGet(string pattern, out Re2Regex? regex, out string error)
    {
        if (Cache.TryGetValue(pattern, out regex))
        {
            error = string.Empty;
            return true;
        }

        if (!TryCompile(pattern, out regex, out error))
        {
            return false;
        }

        if (Cache.Count >= CacheLimit)
        {
            // Bounded: a policy that builds patterns from input must not grow memory without end.
            Cache.Clear();
        }

        Cache[pattern] = regex!;
        return true;
    }

    /// <summary>Compiles without caching (used for one-off template patterns).</summary>
    public static bool TryCompile(string pattern, out Re2Regex? regex, out string error)
    {
        regex = null;
        if (!Re2Translator.TryTranslate(pattern, out var translated, out error))
        {
            return false;
        }

        try
        {
            regex = new Re2Regex(new Regex(translated, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant));
            return true;
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException)
        {
            // The message of .NET's parser describes the translated text; keep RE2's wording.
            error = $"error parsing regexp: invalid pattern: `{pattern}`";
            return false;
        }
    }

    public bool IsMatch(string input) => Regex.IsMatch(input);

    /// <summary>Go's FindAll: at most <paramref name="limit"/> matches (negative: all); an empty match
    /// right after the previous match is skipped.</summary>
    public List<Match> FindAll(string input, int limit)
    {
        var result = new List<Match>();
        if (limit == 0)
        {
            return result;
        }

        var previousEnd = -1;
        for (var m = Regex.Match(input); m.Success; m = m.NextMatch())
        {
            var accept = !(m.Length == 0 && m.Index == previousEnd);
            previousEnd = m.Index + m.Length;
            if (!accept)
            {
                continue;
            }

            result.Add(m);
            if (limit > 0 && result.Count >= limit)
            {
                break;
            }
        }

        return result;
    }

    /// <summary>Go's <c>Regexp.Split(s, -1)</c>.</summary>
    public List<string> Split(string input)
    {
        var parts = new List<string>();
        if (input.Length == 0)
        {
            parts.Add(string.Empty);
            return parts;
        }

        var begin = 0;
        var end = 0;
        foreach (var m in FindAll(input, -1))
        {
            end = m.Index;
            if (m.Index + m.Length != 0)
            {
                parts.Add(input[begin..end]);
            }

            begin = m.Index + m.Length;
        }

        if (end != input.Length)
        {
            parts.Add(input[begin..]);
        }

        return parts;
    }
}
