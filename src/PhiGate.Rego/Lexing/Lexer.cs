using System.Globalization;
using System.Text;
using PhiGate.Rego.Diagnostics;

namespace PhiGate.Rego.Lexing;

/// <summary>Splits Rego source into tokens. Strings are unescaped here; comments are collected for annotations.</summary>
internal sealed class Lexer
{
    private readonly string _src;
    private readonly string _file;
    private readonly int _lineOffset;
    private readonly int _colOffset;
    private int _pos;
    private int _line = 1;
    private int _lineStart;

    public Lexer(string source, string file, int lineOffset = 0, int colOffset = 0)
    {
        _src = source;
        _file = file;
        _lineOffset = lineOffset;
        _colOffset = colOffset;
    }

    public List<(Location Location, string Text)> Comments { get; } = [];

    public List<Token> Tokenize()
    {
        var list = new List<Token>();
        while (true)
        {
            var (nl, sp) = SkipTrivia();
            var t = Next(nl, sp);
            list.Add(t);
            if (t.Kind == TokenKind.Eof)
            {
                return list;
            }
        }
    }

    private Location Here() => new(_file, _line + _lineOffset, _pos - _lineStart + 1 + (_line == 1 ? _colOffset : 0), _pos);

    private RegoException Error(string message) => new(new RegoError(ErrorCodes.Parse, message, Here()));

    private (bool Newline, bool Space) SkipTrivia()
    {
        var nl = false;
        var sp = false;
        while (_pos < _src.Length)
        {
            var c = _src[_pos];
            if (c == '\n')
            {
                nl = true;
                _pos++;
                _line++;
                _lineStart = _pos;
            }
            else if (c is ' ' or '\t' or '\r')
            {
                sp = true;
                _pos++;
            }
            else if (c == '#')
            {
                var loc = Here();
                var start = _pos;
                while (_pos < _src.Length && _src[_pos] != '\n')
                {
                    _pos++;
                }

                Comments.Add((loc, _src[(start + 1).._pos]));
            }
            else
            {
                break;
            }
        }

        return (nl, sp || nl);
    }

    private Token Next(bool nl, bool sp)
    {
        var loc = Here();
        if (_pos >= _src.Length)
        {
            return new Token(TokenKind.Eof, string.Empty, loc, true, true);
        }

        var c = _src[_pos];
        if (char.IsAsciiLetter(c) || c == '_')
        {
            var start = _pos;
            while (_pos < _src.Length && (char.IsAsciiLetterOrDigit(_src[_pos]) || _src[_pos] == '_'))
            {
                _pos++;
            }

            return new Token(TokenKind.Ident, _src[start.._pos], loc, nl, sp);
        }

        if (char.IsAsciiDigit(c) || (c == '.' && _pos + 1 < _src.Length && char.IsAsciiDigit(_src[_pos + 1])))
        {
            return new Token(TokenKind.Number, ReadNumber(), loc, nl, sp);
        }

        if (c == '"')
        {
            _pos++;
            return new Token(TokenKind.String, ReadQuoted(), loc, nl, sp);
        }

        if (c == '`')
        {
            _pos++;
            return new Token(TokenKind.RawString, ReadRaw(), loc, nl, sp);
        }

        if (c == '$' && _pos + 1 < _src.Length && _src[_pos + 1] is '"' or '`')
        {
            var start = _pos;
            SkipTemplate();
            return new Token(TokenKind.Template, _src[start.._pos], loc, nl, sp);
        }

        _pos++;
        var n = _pos < _src.Length ? _src[_pos] : '\0';
        TokenKind kind;
        switch (c)
        {
            case '{': kind = TokenKind.LBrace; break;
            case '}': kind = TokenKind.RBrace; break;
            case '[': kind = TokenKind.LBracket; break;
            case ']': kind = TokenKind.RBracket; break;
            case '(': kind = TokenKind.LParen; break;
            case ')': kind = TokenKind.RParen; break;
            case '.': kind = TokenKind.Dot; break;
            case ',': kind = TokenKind.Comma; break;
            case ';': kind = TokenKind.Semicolon; break;
            case ':' when n == '=': _pos++; kind = TokenKind.Assign; break;
            case ':': kind = TokenKind.Colon; break;
            case '=' when n == '=': _pos++; kind = TokenKind.Equal; break;
            case '=': kind = TokenKind.Unify; break;
            case '!' when n == '=': _pos++; kind = TokenKind.NotEqual; break;
            case '<' when n == '=': _pos++; kind = TokenKind.Lte; break;
            case '<': kind = TokenKind.Lt; break;
            case '>' when n == '=': _pos++; kind = TokenKind.Gte; break;
            case '>': kind = TokenKind.Gt; break;
            case '+': kind = TokenKind.Plus; break;
            case '-': kind = TokenKind.Minus; break;
            case '*': kind = TokenKind.Star; break;
            case '/': kind = TokenKind.Slash; break;
            case '%': kind = TokenKind.Percent; break;
            case '&': kind = TokenKind.Amp; break;
            case '|': kind = TokenKind.Pipe; break;
            default:
                _pos--;
                throw Error($"illegal token: unexpected character {c.ToString()}");
        }

        return new Token(kind, _src[(loc.Offset)..Math.Min(_pos, _src.Length)], loc, nl, sp);
    }

    private string ReadNumber()
    {
        var start = _pos;
        while (_pos < _src.Length && char.IsAsciiDigit(_src[_pos]))
        {
            _pos++;
        }

        if (_pos < _src.Length && _src[_pos] == '.' && _pos + 1 < _src.Length && char.IsAsciiDigit(_src[_pos + 1]))
        {
            _pos++;
            while (_pos < _src.Length && char.IsAsciiDigit(_src[_pos]))
            {
                _pos++;
            }
        }

        if (_pos < _src.Length && _src[_pos] is 'e' or 'E')
        {
            var save = _pos;
            _pos++;
            if (_pos < _src.Length && _src[_pos] is '+' or '-')
            {
                _pos++;
            }

            if (_pos < _src.Length && char.IsAsciiDigit(_src[_pos]))
            {
                while (_pos < _src.Length && char.IsAsciiDigit(_src[_pos]))
                {
                    _pos++;
                }
            }
            else
            {
                _pos = save;
            }
        }

        if (_pos < _src.Length && (char.IsAsciiLetter(_src[_pos]) || _src[_pos] == '_'))
        {
            throw Error("illegal number format");
        }

        var text = _src[start.._pos];
        if (text.StartsWith('.'))
        {
            text = "0" + text;
        }

        return text;
    }

    private string ReadQuoted()
    {
        var sb = new StringBuilder();
        while (true)
        {
            if (_pos >= _src.Length || _src[_pos] == '\n')
            {
                throw Error("non-terminated string");
            }

            var c = _src[_pos++];
            if (c == '"')
            {
                return sb.ToString();
            }

            if (c != '\\')
            {
                sb.Append(c);
                continue;
            }

            ReadEscape(sb, allowBrace: false);
        }
    }

    private void ReadEscape(StringBuilder sb, bool allowBrace)
    {
        if (_pos >= _src.Length)
        {
            throw Error("non-terminated string");
        }

        var e = _src[_pos++];
        switch (e)
        {
            case '"': sb.Append('"'); break;
            case '\\': sb.Append('\\'); break;
            case '/': sb.Append('/'); break;
            case 'b': sb.Append('\b'); break;
            case 'f': sb.Append('\f'); break;
            case 'n': sb.Append('\n'); break;
            case 'r': sb.Append('\r'); break;
            case 't': sb.Append('\t'); break;
            case '{' when allowBrace: sb.Append('{'); break;
            case 'u':
                if (_pos + 4 > _src.Length || !int.TryParse(_src.AsSpan(_pos, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var cp))
                {
                    throw Error("illegal escape sequence");
                }

                _pos += 4;
                sb.Append((char)cp);
                break;
            default:
                throw Error($"illegal escape sequence \\{e.ToString()}");
        }
    }

    private string ReadRaw()
    {
        var start = _pos;
        while (_pos < _src.Length && _src[_pos] != '`')
        {
            if (_src[_pos] == '\n')
            {
                _line++;
                _lineStart = _pos + 1;
            }

            _pos++;
        }

        if (_pos >= _src.Length)
        {
            throw Error("non-terminated raw string");
        }

        var s = _src[start.._pos];
        _pos++;
        return s;
    }

    /// <summary>Skips a whole template string <c>$"...{expr}..."</c>, nested templates and strings included.</summary>
    private void SkipTemplate()
    {
        _pos++;
        var raw = _src[_pos] == '`';
        var close = raw ? '`' : '"';
        _pos++;
        while (true)
        {
            if (_pos >= _src.Length || (!raw && _src[_pos] == '\n'))
            {
                throw Error("non-terminated template string");
            }

            var c = _src[_pos];
            if (c == '\n')
            {
                _line++;
                _lineStart = _pos + 1;
            }

            if (c == close)
            {
                _pos++;
                return;
            }

            if (c == '\\' && !raw)
            {
                _pos += 2;
                continue;
            }

            if (c == '\\' && raw && _pos + 1 < _src.Length && _src[_pos + 1] == '{')
            {
                _pos += 2;
                continue;
            }

            if (c == '{')
            {
                SkipTemplateExpression();
                continue;
            }

            _pos++;
        }
    }

    private void SkipTemplateExpression()
    {
        var depth = 0;
        while (true)
        {
            if (_pos >= _src.Length)
            {
                throw Error("non-terminated template expression");
            }

            var c = _src[_pos];
            switch (c)
            {
                case '{':
                    depth++;
                    _pos++;
                    break;
                case '}':
                    depth--;
                    _pos++;
                    if (depth == 0)
                    {
                        return;
                    }

                    break;
                case '"':
                    _pos++;
                    ReadQuoted();
                    break;
                case '`':
                    _pos++;
                    ReadRaw();
                    break;
                case '$' when _pos + 1 < _src.Length && _src[_pos + 1] is '"' or '`':
                    SkipTemplate();
                    break;
                case '\n':
                    _line++;
                    _pos++;
                    _lineStart = _pos;
                    break;
                default:
                    _pos++;
                    break;
            }
        }
    }

    /// <summary>Splits a template token into literal text and expression source (with its offset in the token).</summary>
    internal static List<(string? Literal, string? Expr, int Offset)> SplitTemplate(string token)
    {
        var raw = token[1] == '`';
        var body = token[2..^1];
        var parts = new List<(string?, string?, int)>();
        var sb = new StringBuilder();
        var i = 0;
        while (i < body.Length)
        {
            var c = body[i];
            if (c == '\\' && i + 1 < body.Length && body[i + 1] == '{')
            {
                sb.Append('{');
                i += 2;
                continue;
            }

            if (c == '\\' && !raw)
            {
                var lx = new Lexer(body, string.Empty) { _pos = i + 1 };
                lx.ReadEscape(sb, allowBrace: true);
                i = lx._pos;
                continue;
            }

            if (c == '{')
            {
                if (sb.Length > 0)
                {
                    parts.Add((sb.ToString(), null, 0));
                    sb.Clear();
                }

                var lx = new Lexer(body, string.Empty) { _pos = i };
                lx.SkipTemplateExpression();
                parts.Add((null, body[(i + 1)..(lx._pos - 1)], i + 3));
                i = lx._pos;
                continue;
            }

            sb.Append(c);
            i++;
        }

        if (sb.Length > 0)
        {
            parts.Add((sb.ToString(), null, 0));
        }

        return parts;
    }
}
