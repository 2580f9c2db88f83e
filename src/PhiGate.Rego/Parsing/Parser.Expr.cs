using PhiGate.Rego.Ast;
using PhiGate.Rego.Diagnostics;
using PhiGate.Rego.Lexing;

namespace PhiGate.Rego.Parsing;

internal sealed partial class Parser
{
    private List<Expr> ParseBodyUntil(TokenKind end)
    {
        var body = new List<Expr>();
        while (true)
        {
            while (Accept(TokenKind.Semicolon))
            {
            }

            if (Cur.Kind == end || Cur.Kind == TokenKind.Eof)
            {
                break;
            }

            body.Add(ParseLiteral());
            if (Cur.Kind == end)
            {
                break;
            }

            if (Accept(TokenKind.Semicolon))
            {
                continue;
            }

            if (!Cur.NewlineBefore)
            {
                throw Unexpected("end of expression");
            }
        }

        return body;
    }

    private bool IsKeyword(string kw) => Cur.IsIdent(kw) && Peek().Kind != TokenKind.Dot;

    private Expr ParseLiteral()
    {
        using var _ = Enter();
        var loc = Cur.Location;
        Expr expr;
        if (IsKeyword("some"))
        {
            expr = ParseSome();
        }
        else if (IsKeyword("every"))
        {
            expr = ParseEvery();
        }
        else
        {
            expr = ParseLogicOr();
        }

        ParseWithModifiers(expr);
        return expr;
    }

    private void ParseWithModifiers(Expr expr)
    {
        while (IsKeyword("with"))
        {
            var wl = Advance().Location;
            var target = ParseTermRelation();
            if (!IsKeyword("as"))
            {
                throw Unexpected("as");
            }

            Advance();
            var value = ParseTermIn();
            (expr.With ??= []).Add(new WithModifier(target, value, wl));
        }
    }

    private Expr ParseLogicOr()
    {
        var loc = Cur.Location;
        var first = ParseLogicAnd();
        if (!IsLogicKeyword("or"))
        {
            return first;
        }

        var operands = new List<List<Expr>> { Operand(first) };
        while (IsLogicKeyword("or"))
        {
            Advance();
            operands.Add(Operand(ParseLogicAnd(preferBody: true)));
        }

        return new Expr(ExprKind.Or, loc) { Operands = operands };
    }

    private Expr ParseLogicAnd(bool preferBody = false)
    {
        var loc = Cur.Location;
        var first = ParseLogicUnary(preferBody);
        if (!IsLogicKeyword("and"))
        {
            return first;
        }

        var operands = new List<List<Expr>> { Operand(first) };
        while (IsLogicKeyword("and"))
        {
            Advance();
            operands.Add(Operand(ParseLogicUnary(preferBody: true)));
        }

        return new Expr(ExprKind.And, loc) { Operands = operands };
    }

    private static List<Expr> Operand(Expr e) => e.Kind == ExprKind.Group && !e.Negated && e.With is null ? e.Operands![0] : [e];

    private bool IsLogicKeyword(string kw) => Cur.IsIdent(kw) && !Cur.NewlineBefore && Peek().Kind != TokenKind.Dot;

    private Expr ParseLogicUnary(bool preferBody = false)
    {
        using var _ = Enter();
        var loc = Cur.Location;
        if (IsKeyword("not"))
        {
            Advance();
            var inner = ParseLogicUnary(preferBody: true);
            if (inner.Negated)
            {
                inner = new Expr(ExprKind.Group, loc) { Operands = [[inner]] };
            }

            inner.Negated = true;
            return inner;
        }

        if (Cur.Kind is TokenKind.LBrace or TokenKind.LParen)
        {
            var save = _pos;
            try
            {
                var e = ParseExprCore(loc);
                var bareCollection = preferBody && e.Kind == ExprKind.Term && save < _tokens.Count && _tokens[save].Kind == TokenKind.LBrace
                    && e.Left is SetTerm or ObjectTerm or ValueTerm { Value: Values.SetValue or Values.ObjectValue };
                if (IsExprEnd() && !bareCollection)
                {
                    return e;
                }
            }
            catch (RegoException)
            {
            }

            _pos = save;
            if (Cur.Kind == TokenKind.LBrace)
            {
                Advance();
                var body = ParseBodyUntil(TokenKind.RBrace);
                Expect(TokenKind.RBrace, "}");
                return new Expr(ExprKind.Group, loc) { Operands = [body] };
            }

            Advance();
            var grouped = ParseLogicOr();
            ParseWithModifiers(grouped);
            Expect(TokenKind.RParen, ")");
            return grouped.Kind is ExprKind.And or ExprKind.Or or ExprKind.Group
                ? grouped
                : new Expr(ExprKind.Group, loc) { Operands = [[grouped]] };
        }

        return ParseExprCore(loc);
    }

    private bool IsExprEnd() =>
        Cur.Kind is TokenKind.Eof or TokenKind.Semicolon or TokenKind.RBrace or TokenKind.RBracket or TokenKind.RParen
        || Cur.NewlineBefore || IsLogicKeyword("and") || IsLogicKeyword("or") || IsKeyword("with");

    private Expr ParseExprCore(Location loc)
    {
        var left = ParseTermIn();
        if (Cur.Kind == TokenKind.Comma && !Cur.NewlineBefore)
        {
            // `k, v in xs` as a membership test.
            Advance();
            var value = ParseTermRelation();
            if (!IsKeyword("in"))
            {
                throw Unexpected("in");
            }

            Advance();
            var coll = ParseTermRelation();
            left = new CallTerm(["internal", "member_3"], [left, value, coll], loc);
        }

        if (Cur.Kind == TokenKind.Unify && !Cur.NewlineBefore)
        {
            Advance();
            return new Expr(ExprKind.Unify, loc) { Left = left, Right = ParseTermIn() };
        }

        if (Cur.Kind == TokenKind.Assign && !Cur.NewlineBefore)
        {
            var aloc = Advance().Location;
            if (left is not (VarTerm or ArrayTerm or ObjectTerm))
            {
                throw Error("cannot assign to " + Describe(left), aloc);
            }

            return new Expr(ExprKind.Assign, loc) { Left = left, Right = ParseTermIn() };
        }

        return new Expr(ExprKind.Term, loc) { Left = left };
    }

    private static string Describe(Term t) => t switch
    {
        RefTerm => "ref",
        CallTerm => "call",
        ValueTerm v => v.Value.TypeName,
        _ => "term",
    };

    private Expr ParseSome()
    {
        var loc = Advance().Location;
        var first = ParseTermRelation();
        var terms = new List<Term> { first };
        while (Accept(TokenKind.Comma))
        {
            terms.Add(ParseTermRelation());
        }

        if (IsKeyword("in"))
        {
            Advance();
            if (terms.Count > 2)
            {
                throw Error("unexpected , in some declaration", loc);
            }

            var coll = ParseTermRelation();
            return new Expr(ExprKind.SomeIn, loc)
            {
                Key = terms.Count == 2 ? terms[0] : null,
                Left = terms[^1],
                Right = coll,
            };
        }

        var vars = new List<VarTerm>();
        foreach (var t in terms)
        {
            if (t is not VarTerm v)
            {
                throw Error("expected var in some declaration", t.Location);
            }

            vars.Add(v);
        }

        return new Expr(ExprKind.SomeDecl, loc) { SomeVars = vars };
    }

    private Expr ParseEvery()
    {
        var loc = Advance().Location;
        var first = ParseTermRelation();
        Term? key = null;
        var value = first;
        if (Accept(TokenKind.Comma))
        {
            key = first;
            value = ParseTermRelation();
        }

        if (!IsKeyword("in"))
        {
            throw Unexpected("in");
        }

        Advance();
        var domain = ParseTermRelation();
        var body = ParseBraceBody();
        return new Expr(ExprKind.Every, loc) { Key = key, Left = value, Right = domain, Body = body };
    }
}
