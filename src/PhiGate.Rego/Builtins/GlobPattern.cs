using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;

namespace PhiGate.Rego.Builtins;

/// <summary>
/// Glob patterns as OPA's <c>glob.match</c> reads them: <c>*</c> (any run of non-delimiters),
/// <c>**</c> (any run), <c>?</c> (one non-delimiter), <c>[abc]</c>, <c>[!a-z]</c>, <c>{a,b}</c>
/// alternatives (nestable) and <c>\</c> escapes. Compiled to a linear-time .NET regex and cached.
/// </summary>
internal static class GlobPattern
{
    private const int CacheLimit = 512;
    private static readonly ConcurrentDictionary<(string Pattern, string Delimiters), Regex> Cache = new();

    /// <summary>Matches <paramref name="text"/>; false with an error message when the pattern is malformed.</summary>
    public static bool TryMatch(string pattern, IReadOnlyList<char> delimiters, string text, out bool matched, out string error)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(delimiters);
        var key = (pattern, new string([.. delimiters]));
        if (!Cache.TryGetValue(key, out var regex))
        {
            if (!TryTranslate(pattern, key.Item2, out var translated, out error))
            {
                matched = false;
                return false;
            }

            try
            {
                regex = new Regex(translated, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant | RegexOptions.Singleline);
            }
            catch (Exception ex) when (ex is ArgumentException or NotSupportedException)
            {
                matched = false;
                error = "unsupported glob pattern";
                return false;
            }

            if (Cache.Count >= CacheLimit)
            {
                Cache.Clear();
            }

            Cache[key] = regex;
        }

        matched = regex.IsMatch(text);
        error = string.Empty;
        return true;
    }

    /// <summary>Escapes every glob metacharacter (<c>glob.quote_meta</c>).</summary>
    public static string QuoteMeta(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '*' or '?' or '[' or ']' or '{' or '}' or '\\' or '!' or '-' or ',')
            {
                sb.Append('\\');
            }

            sb.Append(c);
        }

        return sb.ToString();
    }

    internal static bool TryTranslate(string pattern, string delimiters, out string translated, out string error)
    {
        var nonDelimiter = delimiters.Length == 0 ? "." : "[^" + EscapeClass(delimiters) + "]";
        var sb = new StringBuilder("\\A(?:");
        var depth = 0;
        var i = 0;
        while (i < pattern.Length)
        {
            var c = pattern[i];
            switch (c)
            {
                case '\\':
                    if (i + 1 >= pattern.Length)
                    {
                        return Fail("unexpected end of input after escape", out translated, out error);
                    }

                    sb.Append(Regex.Escape(pattern[i + 1].ToString()));
                    i += 2;
                    continue;
                case '*':
                    if (i + 1 < pattern.Length && pattern[i + 1] == '*')
                    {
                        sb.Append(".*");
                        i += 2;
                    }
                    else
                    {
                        sb.Append(nonDelimiter).Append('*');
                        i++;
                    }

                    continue;
                case '?':
                    sb.Append(nonDelimiter);
                    break;
                case '[':
                    if (!TryClass(pattern, ref i, sb, out error))
                    {
                        translated = string.Empty;
                        return false;
                    }

                    continue;
                case '{':
                    depth++;
                    sb.Append("(?:");
                    break;
                case '}' when depth > 0:
                    depth--;
                    sb.Append(')');
                    break;
                case ',' when depth > 0:
                    sb.Append('|');
                    break;
                default:
                    sb.Append(Regex.Escape(c.ToString()));
                    break;
            }

            i++;
        }

        if (depth > 0)
        {
            return Fail("unexpected end of input: unclosed '{'", out translated, out error);
        }

        sb.Append(")\\z");
        translated = sb.ToString();
        error = string.Empty;
        return true;
    }

    private static bool TryClass(string pattern, ref int i, StringBuilder sb, out string error)
    {
        var start = i;
        i++;
        var negated = i < pattern.Length && pattern[i] == '!';
        if (negated)
        {
            i++;
        }

        var body = new StringBuilder();
        var items = 0;
        while (i < pattern.Length && pattern[i] != ']')
        {
            var lo = pattern[i];
            if (lo == '\\' && i + 1 < pattern.Length)
            {
                i++;
                lo = pattern[i];
            }

            i++;
            if (i + 1 < pattern.Length && pattern[i] == '-' && pattern[i + 1] != ']')
            {
                var hi = pattern[i + 1];
                i += 2;
                if (hi < lo)
                {
                    error = $"hi character '{hi}' should be greater than lo '{lo}'";
                    return false;
                }

                body.Append(EscapeClass(lo.ToString())).Append('-').Append(EscapeClass(hi.ToString()));
            }
            else
            {
                body.Append(EscapeClass(lo.ToString()));
            }

            items++;
        }

        if (i >= pattern.Length || items == 0)
        {
            error = $"unexpected end of input: unclosed '[' at {start}";
            return false;
        }

        i++;
        sb.Append(negated ? "[^" : "[").Append(body).Append(']');
        error = string.Empty;
        return true;
    }

    private static string EscapeClass(string chars)
    {
        var sb = new StringBuilder(chars.Length * 2);
        foreach (var c in chars)
        {
            if (c is '\\' or ']' or '[' or '^' or '-')
            {
                sb.Append('\\');
            }

            sb.Append(c);
        }

        return sb.ToString();
    }

    private static bool Fail(string message, out string translated, out string error)
    {
        translated = string.Empty;
        error = message;
        return false;
    }
}
