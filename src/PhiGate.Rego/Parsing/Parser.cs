using System.Runtime.CompilerServices;
using PhiGate.Rego.Ast;
using PhiGate.Rego.Diagnostics;
using PhiGate.Rego.Lexing;

namespace PhiGate.Rego.Parsing;

/// <summary>
/// Recursive-descent parser for Rego v1. Nesting is bounded (<see cref="MaxDepth"/>) so hostile input gives
/// a parse error instead of a stack overflow.
/// </summary>
internal sealed partial class Parser
{
    public const int MaxDepth = 5000;

    private readonly List<Token> _tokens;
    private readonly string _file;
    private readonly string _source;
    private int _pos;
    private int _depth;

    public Parser(string source, string file)
    {
        _source = source;
        _file = file;
        var lexer = new Lexer(source, file);
        _tokens = lexer.Tokenize();
        Comments = lexer.Comments;
    }

    private Parser(List<Token> tokens, string source, string file)
    {
        _tokens = tokens;
        _source = source;
        _file = file;
        Comments = [];
    }

    public List<(Location Location, string Text)> Comments { get; }

    /// <summary>Parses a module.</summary>
    public static Module ParseModule(string source, string file) => new Parser(source, file).ParseModule();

    /// <summary>Parses a query body such as <c>data.x.p = y; y &gt; 1</c>.</summary>
    public static List<Expr> ParseQuery(string source, string file = "query")
    {
        var p = new Parser(source, file);
        var body = p.ParseBodyUntil(TokenKind.Eof);
        if (body.Count == 0)
        {
            throw p.Error("empty query", p.Cur.Location);
        }

        return body;
    }

    /// <summary>Parses a single term (used for <c>input_term</c>).</summary>
    public static Term ParseTerm(string source, string file = "input")
    {
        var p = new Parser(source, file);
        var t = p.ParseTermIn();
        p.Expect(TokenKind.Eof, "end of input");
        return t;
    }

    private Token Cur => _tokens[_pos];

    private Token Peek(int n = 1) => _tokens[Math.Min(_pos + n, _tokens.Count - 1)];

    private Token Advance() => _tokens[_pos < _tokens.Count - 1 ? _pos++ : _pos];

    private bool Accept(TokenKind k)
    {
        if (Cur.Kind == k)
        {
            Advance();
            return true;
        }

        return false;
    }

    private Token Expect(TokenKind k, string what)
    {
        if (Cur.Kind != k)
        {
            throw Unexpected(what);
        }

        return Advance();
    }

    private RegoException Unexpected(string expected)
    {
        var t = Cur;
        var got = t.Kind == TokenKind.Eof ? "eof token" : $"{t.Kind.ToString().ToLowerInvariant()} token";
        return Error($"unexpected {got}: expected {expected}", t.Location);
    }

    private RegoException Error(string message, Location loc) => new(new RegoError(ErrorCodes.Parse, message, loc));

    private DepthScope Enter()
    {
        if (++_depth > MaxDepth || !RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            _depth--;
            throw Error("maximum nesting depth exceeded", Cur.Location);
        }

        return new DepthScope(this);
    }

    private readonly struct DepthScope(Parser p) : IDisposable
    {
        public void Dispose() => p._depth--;
    }
}
