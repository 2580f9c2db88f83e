using PhiGate.Rego.Ast;
using PhiGate.Rego.Diagnostics;
using PhiGate.Rego.Lexing;
using PhiGate.Rego.Values;

namespace PhiGate.Rego.Parsing;

internal sealed partial class Parser
{
    private Module ParseModule()
    {
        var module = new Module(_file, _source);
        if (!Cur.IsIdent("package"))
        {
            throw Error("package expected", Cur.Location);
        }

        module.PackageLocation = Advance().Location;
        module.Package = ParsePathNames("package");
        while (Cur.IsIdent("import") && Peek().Kind != TokenKind.Dot)
        {
            module.Imports.Add(ParseImport());
        }

        while (Cur.Kind != TokenKind.Eof)
        {
            if ((Cur.IsIdent("import") || Cur.IsIdent("package")) && Peek().Kind != TokenKind.Dot)
            {
                throw Error($"unexpected {Cur.Text} keyword", Cur.Location);
            }

            var rule = ParseRule();
            rule.Module = module;
            module.Rules.Add(rule);
            if (Cur.Kind != TokenKind.Eof && !Cur.NewlineBefore && !Accept(TokenKind.Semicolon))
            {
                throw Unexpected("end of rule");
            }
        }

        AttachAnnotations(module);
        return module;
    }

    private string[] ParsePathNames(string what)
    {
        var names = new List<string>();
        var t = Expect(TokenKind.Ident, what + " name");
        names.Add(t.Text);
        while (true)
        {
            if (Cur.Kind == TokenKind.Dot && !Cur.SpaceBefore)
            {
                Advance();
                names.Add(Expect(TokenKind.Ident, "ident").Text);
            }
            else if (Cur.Kind == TokenKind.LBracket && !Cur.SpaceBefore)
            {
                Advance();
                var s = Cur;
                if (s.Kind is not (TokenKind.String or TokenKind.RawString))
                {
                    throw Unexpected("string");
                }

                Advance();
                names.Add(s.Text);
                Expect(TokenKind.RBracket, "]");
            }
            else
            {
                return [.. names];
            }
        }
    }

    private Import ParseImport()
    {
        var loc = Advance().Location;
        var path = ParsePrimary();
        if (path is not (VarTerm or RefTerm))
        {
            throw Error("invalid import path", loc);
        }

        string? alias = null;
        if (Cur.IsIdent("as"))
        {
            Advance();
            alias = Expect(TokenKind.Ident, "alias").Text;
        }

        return new Import(path, alias, loc);
    }

    private Rule ParseRule()
    {
        using var _ = Enter();
        var rule = new Rule(Cur.Location);
        if (Cur.IsIdent("default") && Peek().Kind != TokenKind.Dot)
        {
            Advance();
            rule.IsDefault = true;
        }

        rule.Head = ParseRuleHead();
        if (Cur.Kind == TokenKind.LParen && !Cur.SpaceBefore)
        {
            Advance();
            rule.Args = [];
            if (!Accept(TokenKind.RParen))
            {
                do
                {
                    rule.Args.Add(ParseTermIn());
                }
                while (Accept(TokenKind.Comma));
                Expect(TokenKind.RParen, ")");
            }
        }

        if (Cur.IsIdent("contains"))
        {
            Advance();
            rule.Key = ParseTermIn();
        }
        else if (Cur.Kind is TokenKind.Assign or TokenKind.Unify)
        {
            rule.IsAssign = Advance().Kind == TokenKind.Assign;
            rule.Value = ParseTermIn();
        }

        if (rule.IsDefault)
        {
            if (rule.Value is null)
            {
                throw Error("default rules must have a value", rule.Location);
            }

            rule.Body = [TrueExpr(rule.Location)];
            return Classify(rule);
        }

        rule.Body = ParseRuleBody(rule.Location, out var hasBody);
        var link = rule;
        while (Cur.IsIdent("else") && Peek().Kind != TokenKind.Dot)
        {
            if (!hasBody)
            {
                throw Error("else keyword cannot be used on rule declarations without body", Cur.Location);
            }

            var elseRule = new Rule(Advance().Location) { Head = rule.Head, Args = rule.Args };
            if (Cur.Kind is TokenKind.Assign or TokenKind.Unify)
            {
                elseRule.IsAssign = Advance().Kind == TokenKind.Assign;
                elseRule.Value = ParseTermIn();
            }

            elseRule.Body = ParseRuleBody(elseRule.Location, out hasBody);
            elseRule.Value ??= new ValueTerm(Value.True, elseRule.Location);
            Classify(elseRule);
            link.Else = elseRule;
            link = elseRule;
        }

        return Classify(rule);
    }

    private List<Term> ParseRuleHead()
    {
        var t = Cur;
        if (t.Kind != TokenKind.Ident)
        {
            throw Unexpected("rule head");
        }

        if (Keywords.All.Contains(t.Text) && Peek().Kind != TokenKind.Dot)
        {
            throw Error($"unexpected {t.Text} keyword", t.Location);
        }

        Advance();
        var head = new List<Term> { new ValueTerm(Value.From(t.Text), t.Location) };
        while (true)
        {
            if (Cur.Kind == TokenKind.Dot && !Cur.SpaceBefore)
            {
                Advance();
                var n = Expect(TokenKind.Ident, "name");
                head.Add(new ValueTerm(Value.From(n.Text), n.Location));
            }
            else if (Cur.Kind == TokenKind.LBracket && !Cur.SpaceBefore)
            {
                Advance();
                head.Add(ParseTermIn());
                Expect(TokenKind.RBracket, "]");
            }
            else
            {
                return head;
            }
        }
    }

    private List<Expr> ParseRuleBody(Location loc, out bool hasBody)
    {
        hasBody = true;
        if (Cur.IsIdent("if"))
        {
            Advance();
            if (Cur.Kind == TokenKind.LBrace)
            {
                var save = _pos;
                try
                {
                    return ParseBraceBody();
                }
                catch (RegoException)
                {
                    _pos = save;
                }
            }

            return [ParseLiteral()];
        }

        if (Cur.Kind == TokenKind.LBrace && !Cur.NewlineBefore)
        {
            throw Error("`if` keyword is required before rule body", Cur.Location);
        }

        hasBody = false;
        return [TrueExpr(loc)];
    }

    private List<Expr> ParseBraceBody()
    {
        Expect(TokenKind.LBrace, "{");
        var body = ParseBodyUntil(TokenKind.RBrace);
        Expect(TokenKind.RBrace, "}");
        if (body.Count == 0)
        {
            throw Error("found empty body", Cur.Location);
        }

        return body;
    }

    private static Expr TrueExpr(Location loc) => new(ExprKind.Term, loc) { Left = new ValueTerm(Value.True, loc) };

    private Rule Classify(Rule rule)
    {
        if (rule.Args is not null)
        {
            rule.Kind = RuleKind.Function;
            rule.Value ??= new ValueTerm(Value.True, rule.Location);
        }
        else if (rule.Key is not null)
        {
            rule.Kind = RuleKind.PartialSet;
        }
        else
        {
            rule.Value ??= new ValueTerm(Value.True, rule.Location);
            rule.Kind = RuleKind.Complete;
        }

        // Split the head into its ground string prefix and the rest.
        var path = new List<string>();
        var i = 0;
        for (; i < rule.Head.Count; i++)
        {
            if (rule.Head[i] is ValueTerm { Value: StringValue s })
            {
                path.Add(s.Value);
            }
            else
            {
                break;
            }
        }

        rule.Path = [.. path];
        rule.Suffix = [.. rule.Head.Skip(i)];
        if (rule.Suffix.Length > 0)
        {
            if (rule.Kind == RuleKind.Function)
            {
                throw Error("function rule heads must be ground names", rule.Location);
            }

            if (rule.Kind == RuleKind.Complete)
            {
                rule.Kind = RuleKind.PartialObject;
            }
        }

        if (rule.IsDefault && rule.Kind is RuleKind.PartialSet or RuleKind.PartialObject)
        {
            throw Error("default rules must be ground complete or function rules", rule.Location);
        }

        return rule;
    }

    private void AttachAnnotations(Module module)
    {
        for (var i = 0; i < Comments.Count; i++)
        {
            if (Comments[i].Text.Trim() != "METADATA")
            {
                continue;
            }

            var loc = Comments[i].Location;
            var lines = new List<string>();
            var line = loc.Line;
            while (i + 1 < Comments.Count && Comments[i + 1].Location.Line == line + 1)
            {
                i++;
                line++;
                var text = Comments[i].Text;
                lines.Add(text.StartsWith(' ') ? text[1..] : text);
            }

            var yaml = string.Join('\n', lines);
            var scope = "rule";
            foreach (var l in lines)
            {
                if (l.StartsWith("scope:", StringComparison.Ordinal))
                {
                    scope = l[6..].Trim();
                }
            }

            var beforePackage = module.PackageLocation.Line > line;
            if (beforePackage && !lines.Any(l => l.StartsWith("scope:", StringComparison.Ordinal)))
            {
                scope = "package";
            }

            var ann = new Annotation { Scope = scope, Text = yaml, Location = loc };
            var next = module.Rules.FirstOrDefault(r => r.Location.Line > line);
            if (scope is "package" or "subpackages" || beforePackage || next is null)
            {
                module.Annotations.Add(ann);
            }
            else
            {
                next.Annotations.Add(ann);
            }
        }
    }
}
