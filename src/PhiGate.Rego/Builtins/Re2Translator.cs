using System.Globalization;
using System.Text;

namespace PhiGate.Rego.Builtins;

/// <summary>
/// Translates an RE2 (Go <c>regexp</c>) pattern into an equivalent .NET pattern for the
/// non-backtracking engine, and rejects what RE2 rejects (backreferences, lookaround,
/// atomic groups, possessive and unknown escapes).
/// </summary>
/// <remarks>
/// Differences handled here: <c>\d \w \s</c> are ASCII-only in RE2; <c>$</c> without the
/// <c>m</c> flag means end of text (never "before a final newline"); <c>(?P&lt;name&gt;)</c>,
/// <c>\Q...\E</c>, <c>\x{...}</c>, <c>\pL</c>, POSIX classes <c>[[:alpha:]]</c> and the
/// <c>U</c> (ungreedy) flag have no direct .NET spelling.
/// </remarks>
internal static class Re2Translator
{
    private const string AsciiDigit = "0-9";
    private const string AsciiWord = "0-9A-Za-z_";
    private const string AsciiSpace = "\\t\\n\\f\\r ";

    /// <summary>Translates <paramref name="pattern"/>; on failure returns false with an RE2-style message.</summary>
    public static bool TryTranslate(string pattern, out string translated, out string error)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var state = new State(pattern);
        try
        {
            state.Run();
            translated = state.Output.ToString();
            error = string.Empty;
            return true;
        }
        catch (Re2SyntaxException ex)
        {
            translated = string.Empty;
            error = "error parsing regexp: " + ex.Message;
            return false;
        }
    }

    private sealed class Re2SyntaxException(string message) : Exception(message);

    private sealed class State(string pattern)
    {
        private readonly string _p = pattern;
        private readonly Stack<(bool Multiline, bool Ungreedy)> _groups = new();
        private int _i;
        private bool _multiline;
        private bool _ungreedy;

        public StringBuilder Output { get; } = new(pattern.Length + 8);

        public void Run()
        {
            while (_i < _p.Length)
            {
                var c = _p[_i];
                switch (c)
                {
                    case '\\':
                        Escape(inClass: false);
                        break;
                    case '[':
                        CharClass();
                        break;
                    case '(':
                        OpenGroup();
                        break;
                    case ')':
                        if (_groups.Count == 0)
                        {
                            throw new Re2SyntaxException($"unexpected ): `{_p}`");
                        }

                        (_multiline, _ungreedy) = _groups.Pop();
                        Output.Append(')');
                        _i++;
                        break;
                    case '$':
                        Output.Append(_multiline ? "(?m:$)" : "\\z");
                        _i++;
                        break;
                    case '^':
                        Output.Append(_multiline ? "(?m:^)" : "^");
                        _i++;
                        break;
                    case '*' or '+' or '?':
                        Quantifier(c.ToString());
                        break;
                    case '{':
                        Brace();
                        break;
                    case '.' or '|':
                        Output.Append(c);
                        _i++;
                        break;
                    default:
                        AppendLiteral(c);
                        _i++;
                        break;
                }
            }

            if (_groups.Count > 0)
            {
                throw new Re2SyntaxException($"missing closing ): `{_p}`");
            }
        }

        private void Quantifier(string op)
        {
            _i++;
            var lazy = false;
            if (_i < _p.Length && _p[_i] == '?')
            {
                lazy = true;
                _i++;
            }

            if (_i < _p.Length && _p[_i] is '*' or '+' or '?')
            {
                throw new Re2SyntaxException($"invalid nested repetition operator: `{op}{_p[_i]}`");
            }

            Output.Append(op);
            if (lazy != _ungreedy)
            {
                Output.Append('?');
            }
        }

        private void Brace()
        {
            var close = _p.IndexOf('}', _i);
            var body = close < 0 ? null : _p[(_i + 1)..close];
            if (body is null || !IsRepeat(body, out var min, out var max))
            {
                // RE2 treats a brace that does not form a repeat as a literal.
                Output.Append("\\{");
                _i++;
                return;
            }

            if (min > 1000 || max > 1000 || (max >= 0 && max < min))
            {
                throw new Re2SyntaxException($"invalid repeat count: `{{{body}}}`");
            }

            _i = close;
            Quantifier("{" + body + "}");
        }

        private static bool IsRepeat(string body, out int min, out int max)
        {
            min = 0;
            max = -1;
            var parts = body.Split(',');
            if (parts.Length > 2 || parts[0].Length == 0 || !parts[0].All(char.IsAsciiDigit))
            {
                return false;
            }

            if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out min))
            {
                min = int.MaxValue;
            }

            if (parts.Length == 1)
            {
                max = min;
                return true;
            }

            if (parts[1].Length == 0)
            {
                return true;
            }

            if (!parts[1].All(char.IsAsciiDigit))
            {
                return false;
            }

            if (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out max))
            {
                max = int.MaxValue;
            }

            return true;
        }

        private void OpenGroup()
        {
            _groups.Push((_multiline, _ungreedy));
            if (_i + 1 >= _p.Length || _p[_i + 1] != '?')
            {
                Output.Append('(');
                _i++;
                return;
            }

            // (?P<name>re), (?<name>re), (?flags), (?flags:re)
            var rest = _p.AsSpan(_i + 2);
            if (rest.StartsWith("P<") || (rest.StartsWith("<") && !rest.StartsWith("<=") && !rest.StartsWith("<!")))
            {
                var start = _i + (rest[0] == 'P' ? 4 : 3);
                var end = _p.IndexOf('>', start);
                if (end < 0)
                {
                    throw new Re2SyntaxException($"invalid named capture: `{_p[_i..]}`");
                }

                var name = _p[start..end];
                if (name.Length == 0 || !name.All(ch => char.IsAsciiLetterOrDigit(ch) || ch == '_'))
                {
                    throw new Re2SyntaxException($"invalid named capture: `{_p[_i..(end + 1)]}`");
                }

                Output.Append("(?<").Append(name).Append('>');
                _i = end + 1;
                return;
            }

            var j = _i + 2;
            var negate = false;
            var flags = new StringBuilder();
            var multiline = _multiline;
            var ungreedy = _ungreedy;
            while (j < _p.Length)
            {
                var f = _p[j];
                if (f is ':' or ')')
                {
                    break;
                }

                switch (f)
                {
                    case '-' when !negate:
                        negate = true;
                        flags.Append('-');
                        break;
                    case 'i' or 's':
                        flags.Append(f);
                        break;
                    case 'm':
                        multiline = !negate;
                        break;
                    case 'U':
                        ungreedy = !negate;
                        break;
                    default:
                        throw new Re2SyntaxException($"invalid or unsupported Perl syntax: `{_p[_i..Math.Min(_p.Length, j + 1)]}`");
                }

                j++;
            }

            if (j >= _p.Length || (flags.Length == 0 && j == _i + 2 && _p[j] == ')'))
            {
                throw new Re2SyntaxException($"missing argument to repetition operator or invalid flags: `{_p[_i..]}`");
            }

            var flagText = flags.ToString().TrimEnd('-');
            if (_p[j] == ')')
            {
                // Flags apply to the rest of the enclosing group.
                _groups.Pop();
                _multiline = multiline;
                _ungreedy = ungreedy;
                if (flagText.Length > 0)
                {
                    Output.Append("(?").Append(flagText).Append(')');
                }
            }
            else
            {
                _multiline = multiline;
                _ungreedy = ungreedy;
                Output.Append("(?").Append(flagText).Append(':');
            }

            _i = j + 1;
        }

        private void CharClass()
        {
            var start = _i;
            _i++;
            Output.Append('[');
            if (_i < _p.Length && _p[_i] == '^')
            {
                Output.Append('^');
                _i++;
            }

            var first = true;
            while (true)
            {
                if (_i >= _p.Length)
                {
                    throw new Re2SyntaxException($"missing closing ]: `{_p[start..]}`");
                }

                var c = _p[_i];
                if (c == ']' && !first)
                {
                    Output.Append(']');
                    _i++;
                    return;
                }

                first = false;
                if (c == '[' && _i + 1 < _p.Length && _p[_i + 1] == ':')
                {
                    PosixClass();
                    continue;
                }

                if (c == '\\')
                {
                    Escape(inClass: true);
                    continue;
                }

                AppendClassLiteral(c);
                _i++;
                if (_i + 1 < _p.Length && _p[_i] == '-' && _p[_i + 1] != ']')
                {
                    Output.Append('-');
                    _i++;
                    if (_p[_i] == '\\')
                    {
                        Escape(inClass: true);
                    }
                    else
                    {
                        AppendClassLiteral(_p[_i]);
                        _i++;
                    }
                }
            }
        }

        private void PosixClass()
        {
            var end = _p.IndexOf(":]", _i + 2, StringComparison.Ordinal);
            if (end < 0)
            {
                AppendClassLiteral('[');
                _i++;
                return;
            }

            var name = _p[(_i + 2)..end];
            var negated = name.StartsWith('^');
            if (negated)
            {
                throw new Re2SyntaxException($"invalid character class range: `[:{name}:]`");
            }

            var ranges = name switch
            {
                "alnum" => "0-9A-Za-z",
                "alpha" => "A-Za-z",
                "ascii" => "\\x00-\\x7F",
                "blank" => "\\t ",
                "cntrl" => "\\x00-\\x1F\\x7F",
                "digit" => AsciiDigit,
                "graph" => "!-~",
                "lower" => "a-z",
                "print" => " -~",
                "punct" => "!-/:-@\\[-`{-~",
                "space" => "\\t\\n\\v\\f\\r ",
                "upper" => "A-Z",
                "word" => AsciiWord,
                "xdigit" => "0-9A-Fa-f",
                _ => throw new Re2SyntaxException($"invalid character class range: `[:{name}:]`"),
            };
            Output.Append(ranges);
            _i = end + 2;
        }

        private void Escape(bool inClass)
        {
            if (_i + 1 >= _p.Length)
            {
                throw new Re2SyntaxException("trailing backslash at end of expression: ``");
            }

            var c = _p[_i + 1];
            _i += 2;
            switch (c)
            {
                case 'd':
                    Output.Append(inClass ? AsciiDigit : "[" + AsciiDigit + "]");
                    return;
                case 'w':
                    Output.Append(inClass ? AsciiWord : "[" + AsciiWord + "]");
                    return;
                case 's':
                    Output.Append(inClass ? AsciiSpace : "[" + AsciiSpace + "]");
                    return;
                case 'D':
                    Output.Append(inClass ? "\\x00-/:-\\uFFFF" : "[^" + AsciiDigit + "]");
                    return;
                case 'W':
                    Output.Append(inClass ? "\\x00-/:-@\\[-^`{-\\uFFFF" : "[^" + AsciiWord + "]");
                    return;
                case 'S':
                    Output.Append(inClass ? "\\x00-\\x08\\x0B\\x0E-\\x1F!-\\uFFFF" : "[^" + AsciiSpace + "]");
                    return;
                case 'A' or 'z' or 'b' or 'B' when !inClass:
                    Output.Append('\\').Append(c);
                    return;
                case 'a' or 'f' or 't' or 'n' or 'r' or 'v':
                    Output.Append('\\').Append(c);
                    return;
                case 'p' or 'P':
                    UnicodeClass(c == 'P');
                    return;
                case 'x':
                    HexEscape(inClass);
                    return;
                case 'Q' when !inClass:
                    QuotedLiteral();
                    return;
                case >= '0' and <= '7' when c == '0' || (_i < _p.Length && char.IsAsciiDigit(_p[_i])):
                    OctalEscape(c, inClass);
                    return;
                default:
                    if (c < 0x80 && !char.IsAsciiLetterOrDigit(c) && c != '_')
                    {
                        Output.Append('\\').Append(c);
                        return;
                    }

                    throw new Re2SyntaxException($"invalid escape sequence: `\\{c}`");
            }
        }

        private void OctalEscape(char first, bool inClass)
        {
            var value = first - '0';
            for (var k = 0; k < 2 && _i < _p.Length && _p[_i] is >= '0' and <= '7'; k++)
            {
                value = (value * 8) + (_p[_i] - '0');
                _i++;
            }

            AppendCodePoint(value, inClass);
        }

        private void HexEscape(bool inClass)
        {
            int value;
            if (_i < _p.Length && _p[_i] == '{')
            {
                var end = _p.IndexOf('}', _i);
                var digits = end < 0 ? string.Empty : _p[(_i + 1)..end];
                if (digits.Length == 0 || !int.TryParse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value) || value > 0x10FFFF)
                {
                    throw new Re2SyntaxException($"invalid escape sequence: `\\x{_p[_i..Math.Min(_p.Length, end < 0 ? _p.Length : end + 1)]}`");
                }

                _i = end + 1;
            }
            else
            {
                if (_i + 2 > _p.Length || !int.TryParse(_p.AsSpan(_i, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value))
                {
                    throw new Re2SyntaxException($"invalid escape sequence: `\\x{_p[_i..Math.Min(_p.Length, _i + 2)]}`");
                }

                _i += 2;
            }

            AppendCodePoint(value, inClass);
        }

        private void AppendCodePoint(int value, bool inClass)
        {
            if (value <= 0xFFFF)
            {
                Output.Append("\\u").Append(value.ToString("X4", CultureInfo.InvariantCulture));
                return;
            }

            if (inClass)
            {
                throw new Re2SyntaxException("invalid character class range: supplementary code points are not supported in classes");
            }

            var text = char.ConvertFromUtf32(value);
            Output.Append("(?:\\u").Append(((int)text[0]).ToString("X4", CultureInfo.InvariantCulture))
                .Append("\\u").Append(((int)text[1]).ToString("X4", CultureInfo.InvariantCulture)).Append(')');
        }

        private void QuotedLiteral()
        {
            var end = _p.IndexOf("\\E", _i, StringComparison.Ordinal);
            var literal = end < 0 ? _p[_i..] : _p[_i..end];
            foreach (var ch in literal)
            {
                AppendLiteral(ch);
            }

            _i = end < 0 ? _p.Length : end + 2;
        }

        private void UnicodeClass(bool negated)
        {
            if (_i >= _p.Length)
            {
                throw new Re2SyntaxException("invalid character class range: `\\p`");
            }

            string name;
            if (_p[_i] == '{')
            {
                var end = _p.IndexOf('}', _i);
                if (end < 0)
                {
                    throw new Re2SyntaxException($"invalid character class range: `{_p[(_i - 2)..]}`");
                }

                name = _p[(_i + 1)..end];
                _i = end + 1;
            }
            else
            {
                name = _p[_i].ToString();
                _i++;
            }

            if (name.StartsWith('^'))
            {
                negated = !negated;
                name = name[1..];
            }

            var netName = name switch
            {
                "Any" => null,
                _ when name.Length <= 2 && name.All(char.IsAsciiLetter) => name,
                "Greek" => "IsGreek",
                "Cyrillic" => "IsCyrillic",
                "Arabic" => "IsArabic",
                "Hebrew" => "IsHebrew",
                "Han" => "IsCJKUnifiedIdeographs",
                "Hiragana" => "IsHiragana",
                "Katakana" => "IsKatakana",
                "Thai" => "IsThai",
                "Armenian" => "IsArmenian",
                "Georgian" => "IsGeorgian",
                "Hangul" => "IsHangulSyllables",
                "Latin" => null,
                _ => throw new Re2SyntaxException($"invalid character class range: `\\p{{{name}}}`"),
            };

            if (netName is null)
            {
                var body = name == "Latin" ? "A-Za-z\\u00AA\\u00BA\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u024F" : "\\s\\S";
                Output.Append(negated ? "[^" : "[").Append(body).Append(']');
                return;
            }

            Output.Append(negated ? "\\P{" : "\\p{").Append(netName).Append('}');
        }

        private void AppendLiteral(char c)
        {
            if ("\\.*+?()[]{}|^$".Contains(c, StringComparison.Ordinal))
            {
                Output.Append('\\');
            }

            Output.Append(c);
        }

        private void AppendClassLiteral(char c)
        {
            if (c is '[' or ']' or '\\' or '^' or '-')
            {
                Output.Append('\\');
            }

            Output.Append(c);
        }
    }
}
