using PhiGate.Rego.Ast;
using PhiGate.Rego.Diagnostics;
using PhiGate.Rego.Lexing;
using PhiGate.Rego.Values;

namespace PhiGate.Rego.Parsing;

internal sealed partial class Parser
{
    private bool _noPipe;

    private Term ParseTermIn()
    {
        using var _ = Enter();
        var lhs = ParseTermRelation();
        while (IsKeyword("in") && !Cur.NewlineBefore)
        {
            var loc = Advance().Location;
            var rhs = ParseTermRelation();
            lhs = new CallTerm(["internal", "member_2"], [lhs, rhs], loc);
        }

        return lhs;
    }

    private Term ParseTermRelation()
    {
        var lhs = ParseTermOr();
        while (!Cur.NewlineBefore)
        {
            var op = Cur.Kind switch
            {
                TokenKind.Equal => "equal",
                TokenKind.NotEqual => "neq",
                TokenKind.Lt => "lt",
                TokenKind.Lte => "lte",
                TokenKind.Gt => "gt",
                TokenKind.Gte => "gte",
                _ => null,
            };
            if (op is null)
            {
                break;
            }

            var loc = Advance().Location;
            lhs = new CallTerm([op], [lhs, ParseTermOr()], loc);
        }

        return lhs;
    }

    private Term ParseTermOr()
    {
        var lhs = ParseTermAnd();
        while (Cur.Kind == TokenKind.Pipe && !_noPipe && !Cur.NewlineBefore)
        {
            var loc = Advance().Location;
            lhs = new CallTerm(["or"], [lhs, ParseTermAnd()], loc);
        }

        return lhs;
    }

    private Term ParseTermAnd()
    {
        var lhs = ParseTermArith();
        while (Cur.Kind == TokenKind.Amp && !Cur.NewlineBefore)
        {
            var loc = Advance().Location;
            lhs = new CallTerm(["and"], [lhs, ParseTermArith()], loc);
        }

        return lhs;
    }

    private Term ParseTermArith()
    {
        var lhs = ParseTermFactor();
        while (Cur.Kind is TokenKind.Plus or TokenKind.Minus && !Cur.NewlineBefore)
        {
            var op = Cur.Kind == TokenKind.Plus ? "plus" : "minus";
            var loc = Advance().Location;
            lhs = new CallTerm([op], [lhs, ParseTermFactor()], loc);
        }

        return lhs;
    }

    private Term ParseTermFactor()
    {
        var lhs = ParseUnary();
        while (Cur.Kind is TokenKind.Star or TokenKind.Slash or TokenKind.Percent && !Cur.NewlineBefore)
        {
            var op = Cur.Kind switch
            {
                TokenKind.Star => "mul",
                TokenKind.Slash => "div",
                _ => "rem",
            };
            var loc = Advance().Location;
            lhs = new CallTerm([op], [lhs, ParseUnary()], loc);
        }

        return lhs;
    }

    private Term ParseUnary()
    {
        if (Cur.Kind == TokenKind.Minus)
        {
            var loc = Advance().Location;
            if (Cur.Kind == TokenKind.Number && !Cur.SpaceBefore)
            {
                var n = Advance();
                return WithPostfix(NumberTerm("-" + n.Text, loc));
            }

            using var _ = Enter();
            var operand = ParseUnary();
            return new CallTerm(["minus"], [new ValueTerm(Value.From(0), loc), operand], loc);
        }

        return ParsePrimary();
    }

    private ValueTerm NumberTerm(string text, Location loc)
    {
        if (!NumberValue.TryParse(text, out var v))
        {
            throw Error("invalid number: " + text, loc);
        }

        return new ValueTerm(v, loc);
    }

    private Term ParsePrimary()
    {
        using var _ = Enter();
        var t = Cur;
        Term term;
        switch (t.Kind)
        {
            case TokenKind.Number:
                Advance();
                term = NumberTerm(t.Text, t.Location);
                break;
            case TokenKind.String:
            case TokenKind.RawString:
                Advance();
                term = new ValueTerm(Value.From(t.Text), t.Location);
                break;
            case TokenKind.Template:
                Advance();
                term = ParseTemplate(t);
                break;
            case TokenKind.Ident:
                Advance();
                var isRefHead = Cur.Kind == TokenKind.Dot && !Cur.SpaceBefore;
                term = t.Text switch
                {
                    "true" when !isRefHead => new ValueTerm(Value.True, t.Location),
                    "false" when !isRefHead => new ValueTerm(Value.False, t.Location),
                    "null" when !isRefHead => new ValueTerm(Value.Null, t.Location),
                    _ when Keywords.All.Contains(t.Text) && !isRefHead && t.Text is not ("if" or "contains" or "else" or "as" or "default" or "package" or "import")
                        => throw Error($"unexpected {t.Text} keyword", t.Location),
                    _ => new VarTerm(t.Text, t.Location),
                };
                break;
            case TokenKind.LBracket:
                term = ParseArray();
                break;
            case TokenKind.LBrace:
                term = ParseBrace();
                break;
            case TokenKind.LParen:
                Advance();
                var save = _noPipe;
                _noPipe = false;
                term = ParseTermIn();
                _noPipe = save;
                Expect(TokenKind.RParen, ")");
                break;
            default:
                throw Unexpected("term");
        }

        return WithPostfix(term);
    }

    private Term WithPostfix(Term term)
    {
        var path = new List<Term>();
        while (!Cur.SpaceBefore)
        {
            if (Cur.Kind == TokenKind.Dot)
            {
                Advance();
                var n = Cur;
                if (n.Kind != TokenKind.Ident)
                {
                    throw Unexpected("name");
                }

                Advance();
                path.Add(new ValueTerm(Value.From(n.Text), n.Location));
            }
            else if (Cur.Kind == TokenKind.LBracket)
            {
                Advance();
                var save = _noPipe;
                _noPipe = false;
                path.Add(ParseTermIn());
                _noPipe = save;
                Expect(TokenKind.RBracket, "]");
            }
            else if (Cur.Kind == TokenKind.LParen)
            {
                var loc = Advance().Location;
                var name = CallName(term, path, loc);
                var args = new List<Term>();
                var save = _noPipe;
                _noPipe = false;
                if (!Accept(TokenKind.RParen))
                {
                    do
                    {
                        args.Add(ParseTermIn());
                    }
                    while (Accept(TokenKind.Comma) && Cur.Kind != TokenKind.RParen); // a trailing comma is allowed
                    Expect(TokenKind.RParen, ")");
                }

                _noPipe = save;
                term = name is ["set"] && args.Count == 0
                    ? new ValueTerm(SetValue.Empty, term.Location)
                    : new CallTerm(name, [.. args], term.Location);
                path.Clear();
            }
            else
            {
                break;
            }
        }

        return path.Count == 0 ? term : new RefTerm(term, [.. path], term.Location);
    }

    private string[] CallName(Term head, List<Term> path, Location loc)
    {
        if (head is not VarTerm v)
        {
            throw Error("invalid call target", loc);
        }

        var names = new List<string> { v.Name };
        foreach (var p in path)
        {
            if (p is ValueTerm { Value: StringValue s })
            {
                names.Add(s.Value);
            }
            else
            {
                throw Error("invalid call target", loc);
            }
        }

        return [.. names];
    }

    private Term ParseArray()
    {
        var loc = Advance().Location;
        var saveNoPipe = _noPipe;
        try
        {
            if (Accept(TokenKind.RBracket))
            {
                return new ValueTerm(ArrayValue.Empty, loc);
            }

            _noPipe = true;
            var first = ParseTermIn();
            _noPipe = false;
            if (Accept(TokenKind.Pipe))
            {
                var body = ParseBodyUntil(TokenKind.RBracket);
                Expect(TokenKind.RBracket, "]");
                return new ComprehensionTerm(ComprehensionKind.Array, first, null, body, loc);
            }

            var items = new List<Term> { first };
            while (Accept(TokenKind.Comma))
            {
                if (Cur.Kind == TokenKind.RBracket)
                {
                    break;
                }

                items.Add(ParseTermIn());
            }

            Expect(TokenKind.RBracket, "]");
            return new ArrayTerm([.. items], loc);
        }
        finally
        {
            _noPipe = saveNoPipe;
        }
    }

    private Term ParseBrace()
    {
        var loc = Advance().Location;
        var saveNoPipe = _noPipe;
        try
        {
            if (Accept(TokenKind.RBrace))
            {
                return new ValueTerm(ObjectValue.Empty, loc);
            }

            _noPipe = true;
            var first = ParseTermIn();
            if (Accept(TokenKind.Colon))
            {
                var value = ParseTermIn();
                _noPipe = false;
                if (Accept(TokenKind.Pipe))
                {
                    var body = ParseBodyUntil(TokenKind.RBrace);
                    Expect(TokenKind.RBrace, "}");
                    return new ComprehensionTerm(ComprehensionKind.Object, first, value, body, loc);
                }

                var entries = new List<(Term, Term)> { (first, value) };
                while (Accept(TokenKind.Comma))
                {
                    if (Cur.Kind == TokenKind.RBrace)
                    {
                        break;
                    }

                    var k = ParseTermIn();
                    Expect(TokenKind.Colon, ":");
                    entries.Add((k, ParseTermIn()));
                }

                Expect(TokenKind.RBrace, "}");
                return new ObjectTerm([.. entries], loc);
            }

            _noPipe = false;
            if (Accept(TokenKind.Pipe))
            {
                var body = ParseBodyUntil(TokenKind.RBrace);
                Expect(TokenKind.RBrace, "}");
                return new ComprehensionTerm(ComprehensionKind.Set, first, null, body, loc);
            }

            var items = new List<Term> { first };
            while (Accept(TokenKind.Comma))
            {
                if (Cur.Kind == TokenKind.RBrace)
                {
                    break;
                }

                items.Add(ParseTermIn());
            }

            Expect(TokenKind.RBrace, "}");
            return new SetTerm([.. items], loc);
        }
        finally
        {
            _noPipe = saveNoPipe;
        }
    }

    private TemplateTerm ParseTemplate(Token t)
    {
        var parts = new List<TemplatePart>();
        foreach (var (literal, expr, _) in Lexer.SplitTemplate(t.Text))
        {
            if (literal is not null)
            {
                parts.Add(new TemplatePart { Literal = literal });
                continue;
            }

            var sub = new Lexer(expr!, _file, t.Location.Line - 1, t.Location.Column);
            var p = new Parser(sub.Tokenize(), expr!, _file) { _depth = _depth };
            var e = p.ParseLiteral();
            p.Expect(TokenKind.Eof, "}");
            parts.Add(new TemplatePart { Expr = e });
        }

        return new TemplateTerm(parts, t.Location);
    }
}
