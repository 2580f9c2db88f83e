using PhiGate.Rego.Ast;
using PhiGate.Rego.Values;

namespace PhiGate.Rego.Builtins;

/// <summary>
/// Writes a parsed module in the JSON shape OPA gives its AST (without locations and comments): terms are
/// <c>{"type": ..., "value": ...}</c>, expressions <c>{"index": i, "terms": ...}</c>, rules
/// <c>{"head": ..., "body": [...]}</c>.
/// </summary>
internal static class RegoAstJson
{
    public static Value Module(Module m)
    {
        var fields = new List<(string, Value)>
        {
            ("package", Obj(("path", Arr([Term("var", Value.From("data")), .. m.Package.Select(p => Term("string", Value.From(p)))])))),
        };
        if (m.Imports.Count > 0)
        {
            fields.Add(("imports", Arr([.. m.Imports.Select(Import)])));
        }

        if (m.Rules.Count > 0)
        {
            fields.Add(("rules", Arr([.. m.Rules.Select(Rule)])));
        }

        return Obj([.. fields]);
    }

    private static Value Import(Import i)
    {
        var fields = new List<(string, Value)> { ("path", Term(i.Path)) };
        if (i.Alias is not null)
        {
            fields.Add(("alias", Value.From(i.Alias)));
        }

        return Obj([.. fields]);
    }

    private static Value Rule(Rule r)
    {
        var head = new List<(string, Value)>();
        if (r.Head.Count == 1 && r.Head[0] is ValueTerm { Value: StringValue name })
        {
            head.Add(("name", name));
        }

        var refTerms = new List<Value>();
        for (var i = 0; i < r.Head.Count; i++)
        {
            refTerms.Add(i == 0 && r.Head[0] is ValueTerm { Value: StringValue first } ? Term("var", first) : Term(r.Head[i]));
        }

        head.Add(("ref", Arr([.. refTerms])));
        if (r.Args is { } args)
        {
            head.Add(("args", Arr([.. args.Select(Term)])));
        }

        if (r.Key is not null)
        {
            head.Add(("key", Term(r.Key)));
        }

        if (r.Value is not null)
        {
            head.Add(("value", Term(r.Value)));
        }

        if (r.IsAssign)
        {
            head.Add(("assign", Value.True));
        }

        var fields = new List<(string, Value)> { ("body", Body(r.Body)), ("head", Obj([.. head])) };
        if (r.IsDefault)
        {
            fields.Add(("default", Value.True));
        }

        if (r.Else is not null)
        {
            fields.Add(("else", Rule(r.Else)));
        }

        return Obj([.. fields]);
    }

    private static Value Body(List<Expr> body)
    {
        if (body.Count == 0)
        {
            // OPA gives a rule without a body the body `true`.
            return Arr(Obj(("index", Value.From(0)), ("terms", Term("boolean", Value.True))));
        }

        return Arr([.. body.Select((e, i) => Expr(e, i))]);
    }

    private static Value Expr(Expr e, int index)
    {
        var fields = new List<(string, Value)> { ("index", Value.From(index)), ("terms", ExprTerms(e)) };
        if (e.Negated)
        {
            fields.Add(("negated", Value.True));
        }

        if (e.With is { Count: > 0 } with)
        {
            fields.Add(("with", Arr([.. with.Select(w => Obj(("target", Term(w.Target)), ("value", Term(w.Value))))])));
        }

        return Obj([.. fields]);
    }

    private static Value ExprTerms(Expr e)
    {
        switch (e.Kind)
        {
            case ExprKind.Unify:
                return Arr(Operator("eq"), Term(e.Left!), Term(e.Right!));
            case ExprKind.Assign:
                return Arr(Operator("assign"), Term(e.Left!), Term(e.Right!));
            case ExprKind.Term when e.Left is CallTerm call:
                return Arr([Operator(call.Name), .. call.Args.Select(Term)]);
            case ExprKind.Term:
                return Term(e.Left!);
            case ExprKind.SomeDecl:
                return Obj(("symbols", Arr([.. e.SomeVars!.Select(v => Term(v))])));
            case ExprKind.SomeIn:
                Term[] operands = e.Key is null ? [e.Left!, e.Right!] : [e.Key, e.Left!, e.Right!];
                var member = e.Key is null ? "member_2" : "member_3";
                return Obj(("symbols", Arr(Term("call", Arr([Operator(["internal", member]), .. operands.Select(Term)])))));
            case ExprKind.Every:
                return Obj(
                    ("key", e.Key is null ? Value.Null : Term(e.Key)),
                    ("value", Term(e.Left!)),
                    ("domain", Term(e.Right!)),
                    ("body", Body(e.Body!)));
            default:
                return Term("boolean", Value.True);
        }
    }

    private static Value Operator(params string[] name) =>
        Term("ref", Arr([Term("var", Value.From(name[0])), .. name.Skip(1).Select(n => Term("string", Value.From(n)))]));

    private static Value Term(Term t) => t switch
    {
        ValueTerm v => ValueTerm(v.Value),
        VarTerm v => Term("var", Value.From(v.Name)),
        RefTerm r => Term("ref", Arr([Term(r.Head), .. r.Path.Select(Term)])),
        ArrayTerm a => Term("array", Arr([.. a.Items.Select(Term)])),
        SetTerm s => Term("set", Arr([.. s.Items.Select(Term)])),
        ObjectTerm o => Term("object", Arr([.. o.Entries.Select(p => Arr(Term(p.Key), Term(p.Value)))])),
        CallTerm c => Term("call", Arr([Operator(c.Name), .. c.Args.Select(Term)])),
        ComprehensionTerm { Kind: ComprehensionKind.Object } c => Term("objectcomprehension", Obj(("key", Term(c.Head)), ("value", Term(c.ValueHead!)), ("body", Body(c.Body)))),
        ComprehensionTerm c => Term(c.Kind == ComprehensionKind.Array ? "arraycomprehension" : "setcomprehension", Obj(("term", Term(c.Head)), ("body", Body(c.Body)))),
        _ => Term("null", Value.Null),
    };

    private static Value ValueTerm(Value v) => v switch
    {
        NullValue => Term("null", Value.Null),
        BooleanValue => Term("boolean", v),
        NumberValue => Term("number", v),
        StringValue => Term("string", v),
        ArrayValue a => Term("array", Arr([.. a.Items.ToArray().Select(ValueTerm)])),
        SetValue s => Term("set", Arr([.. s.Items.ToArray().Select(ValueTerm)])),
        ObjectValue o => Term("object", Arr([.. Enumerable.Range(0, o.Count).Select(i => Arr(ValueTerm(o.Keys[i]), ValueTerm(o.Values[i])))])),
        _ => Term("null", Value.Null),
    };

    private static Value Term(string type, Value value) => Obj(("type", Value.From(type)), ("value", value));

    private static Value Arr(params Value[] items) => Value.NewArray(items);

    private static Value Obj(params (string Key, Value Value)[] fields)
    {
        var b = new ObjectBuilder(fields.Length);
        foreach (var (k, v) in fields)
        {
            b.Add(Value.From(k), v);
        }

        return b.Build();
    }
}
