using System.Globalization;
using System.Text;

namespace PhiGate.Rego.Builtins;

/// <summary>GraphQL tokens (October 2021 spec) with 1-based line and column, described as gqlparser describes them in errors.</summary>
internal static class GraphQlLexer
{
    public enum Kind
    {
        Eof,
        Punct,
        Name,
        Int,
        Float,
        String,
        BlockString,
        Invalid,
    }

    public readonly record struct Token(Kind Kind, string Value, int Line, int Column)
    {
        public override string ToString() => Kind switch
        {
            Kind.Eof => "<EOF>",
            Kind.Punct => Value,
            Kind.Invalid => "<Invalid>",
            Kind.Name => $"Name \"{Value}\"",
            Kind.Int => $"Int \"{Value}\"",
            Kind.Float => $"Float \"{Value}\"",
            Kind.String => $"String \"{Value}\"",
            _ => $"BlockString \"{Value}\"",
        };
    }

    public static List<Token> Lex(string s)
    {
        var tokens = new List<Token>();
        var i = 0;
        var line = 1;
        var lineStart = 0;
        while (true)
        {
            while (i < s.Length)
            {
                var c = s[i];
                if (c == '\n')
                {
                    line++;
                    lineStart = i + 1;
                    i++;
                }
                else if (c is ' ' or '\t' or ',' or '\r' or '\uFEFF')
                {
                    i++;
                }
                else if (c == '#')
                {
                    while (i < s.Length && s[i] != '\n')
                    {
                        i++;
                    }
                }
                else
                {
                    break;
                }
            }

            var col = i - lineStart + 1;
            if (i >= s.Length)
            {
                tokens.Add(new Token(Kind.Eof, string.Empty, line, col));
                return tokens;
            }

            var ch = s[i];
            if ("!$&()[]{}:=@|".Contains(ch, StringComparison.Ordinal))
            {
                tokens.Add(new Token(Kind.Punct, ch.ToString(), line, col));
                i++;
            }
            else if (ch == '.')
            {
                if (i + 2 < s.Length && s[i + 1] == '.' && s[i + 2] == '.')
                {
                    tokens.Add(new Token(Kind.Punct, "...", line, col));
                    i += 3;
                }
                else
                {
                    tokens.Add(new Token(Kind.Invalid, ".", line, col));
                    return tokens;
                }
            }
            else if (char.IsAsciiLetter(ch) || ch == '_')
            {
                var start = i;
                while (i < s.Length && (char.IsAsciiLetterOrDigit(s[i]) || s[i] == '_'))
                {
                    i++;
                }

                tokens.Add(new Token(Kind.Name, s[start..i], line, col));
            }
            else if (char.IsAsciiDigit(ch) || ch == '-')
            {
                var start = i;
                var isFloat = false;
                i++;
                while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] is '.' or 'e' or 'E' || (s[i] is '+' or '-' && s[i - 1] is 'e' or 'E')))
                {
                    isFloat |= s[i] is '.' or 'e' or 'E';
                    i++;
                }

                tokens.Add(new Token(isFloat ? Kind.Float : Kind.Int, s[start..i], line, col));
            }
            else if (ch == '"')
            {
                if (i + 2 < s.Length && s[i + 1] == '"' && s[i + 2] == '"')
                {
                    var end = i + 3;
                    while ((end = s.IndexOf("\"\"\"", end, StringComparison.Ordinal)) > 0 && s[end - 1] == '\\')
                    {
                        end += 3;
                    }

                    if (end < 0)
                    {
                        var (endLine, endColumn) = EndPosition(s);
                        tokens.Add(new Token(Kind.Invalid, string.Empty, endLine, endColumn));
                        return tokens;
                    }

                    var raw = s[(i + 3)..end];
                    tokens.Add(new Token(Kind.BlockString, BlockValue(raw.Replace("\\\"\"\"", "\"\"\"", StringComparison.Ordinal)), line, col + 3));
                    foreach (var c in raw)
                    {
                        if (c == '\n')
                        {
                            line++;
                        }
                    }

                    i = end + 3;
                    lineStart = s.LastIndexOf('\n', i - 1) + 1;
                    continue;
                }

                var sb = new StringBuilder();
                i++;
                var closed = false;
                while (i < s.Length && s[i] != '\n')
                {
                    if (s[i] == '"')
                    {
                        closed = true;
                        i++;
                        break;
                    }

                    if (s[i] == '\\' && i + 1 < s.Length)
                    {
                        var e = s[i + 1];
                        i += 2;
                        switch (e)
                        {
                            case 'n': sb.Append('\n'); break;
                            case 't': sb.Append('\t'); break;
                            case 'r': sb.Append('\r'); break;
                            case 'b': sb.Append('\b'); break;
                            case 'f': sb.Append('\f'); break;
                            case 'u' when i + 4 <= s.Length && int.TryParse(s.AsSpan(i, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var u):
                                sb.Append((char)u);
                                i += 4;
                                break;
                            default: sb.Append(e); break;
                        }

                        continue;
                    }

                    sb.Append(s[i++]);
                }

                tokens.Add(closed ? new Token(Kind.String, sb.ToString(), line, col + 1) : new Token(Kind.Invalid, string.Empty, line, col));
                if (!closed)
                {
                    return tokens;
                }
            }
            else
            {
                tokens.Add(new Token(Kind.Invalid, ch.ToString(), line, col));
                return tokens;
            }
        }
    }

    /// <summary>Line and column just past the end of the text (CR, LF and CRLF each end a line).</summary>
    private static (int Line, int Column) EndPosition(string s)
    {
        var line = 1;
        var column = 1;
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] == '\r' || s[i] == '\n')
            {
                if (s[i] == '\r' && i + 1 < s.Length && s[i + 1] == '\n')
                {
                    i++;
                }

                line++;
                column = 1;
            }
            else
            {
                column++;
            }
        }

        return (line, column);
    }

    /// <summary>Block string value: common indentation removed, blank first and last lines dropped.</summary>
    private static string BlockValue(string raw)
    {
        var lines = raw.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var indent = int.MaxValue;
        for (var i = 1; i < lines.Length; i++)
        {
            var l = lines[i];
            var lead = l.Length - l.TrimStart(' ', '\t').Length;
            if (lead < l.Length)
            {
                indent = Math.Min(indent, lead);
            }
        }

        var result = lines.Select((l, i) => i > 0 && indent != int.MaxValue && l.Length >= indent ? l[indent..] : l).ToList();
        while (result.Count > 0 && result[0].Trim().Length == 0)
        {
            result.RemoveAt(0);
        }

        while (result.Count > 0 && result[^1].Trim().Length == 0)
        {
            result.RemoveAt(result.Count - 1);
        }

        return string.Join('\n', result);
    }
}
