using PhiGate.Rego.Values;
using static PhiGate.Rego.Builtins.GraphQlLexer;

namespace PhiGate.Rego.Builtins;

/// <summary>
/// A GraphQL parser producing the AST objects OPA's <c>graphql.*</c> builtins return (gqlparser's field
/// names; nil and empty lists omitted). Errors read "Expected Name, found } in GraphQL string at location 1:9".
/// </summary>
internal sealed partial class GraphQlParser
{
    private readonly List<Token> _tokens;
    private int _pos;

    private GraphQlParser(string source)
    {
        _tokens = Lex(source);
    }

    public static ObjectValue ParseQuery(string source) => new GraphQlParser(source).QueryDocument();

    public static ObjectValue ParseSchema(string source) => new GraphQlParser(source).SchemaDocument();

    private Token Peek => _tokens[Math.Min(_pos, _tokens.Count - 1)];

    private Token Next() => _tokens[Math.Min(_pos++, _tokens.Count - 1)];

    private bool PeekPunct(string p) => Peek.Kind == Kind.Punct && Peek.Value == p;

    private bool PeekKeyword(string k) => Peek.Kind == Kind.Name && Peek.Value == k;

    private static BuiltinException Error(string message, Token at) =>
        BuiltinErrors.Fail($"{message} in GraphQL string at location {at.Line}:{at.Column}");

    private BuiltinException Unexpected(Token? t = null)
    {
        var token = t ?? Peek;
        return Error($"Unexpected {token}", token);
    }

    private Token Expect(string punct)
    {
        if (Peek.Kind == Kind.Invalid)
        {
            throw Unexpected();
        }

        if (!PeekPunct(punct))
        {
            throw Error($"Expected {punct}, found {Peek}", Peek);
        }

        return Next();
    }

    private string Name()
    {
        if (Peek.Kind == Kind.Invalid)
        {
            throw Unexpected();
        }

        if (Peek.Kind != Kind.Name)
        {
            throw Error($"Expected Name, found {Peek}", Peek);
        }

        return Next().Value;
    }

    private void ExpectKeyword(string keyword)
    {
        if (!PeekKeyword(keyword))
        {
            throw Error($"Expected \"{keyword}\", found {Peek}", Peek);
        }

        Next();
    }

    /// <summary><c>open item* close</c> (possibly empty) when the next token is <paramref name="open"/>.</summary>
    private List<Value> Many(string open, string close, Func<Value> item, bool atLeastOne)
    {
        var items = new List<Value>();
        Expect(open);
        if (atLeastOne && PeekPunct(close))
        {
            throw Error($"expected at least one definition, found {Peek}", Peek);
        }

        while (!PeekPunct(close))
        {
            if (Peek.Kind == Kind.Eof)
            {
                throw Error($"Expected {(items.Count == 0 && !atLeastOne ? close : "Name")}, found <EOF>", Peek);
            }

            items.Add(item());
        }

        Next();
        return items;
    }

    private static void AddList(ObjectBuilder b, string key, List<Value> items)
    {
        if (items.Count > 0)
        {
            b.Add(key, Value.NewArray([.. items]));
        }
    }

    private List<Value> Directives(bool isConst)
    {
        var list = new List<Value>();
        while (PeekPunct("@"))
        {
            Next();
            var b = new ObjectBuilder();
            b.Add("Name", Value.From(Name()));
            b.Add("Location", Value.From(string.Empty));
            if (PeekPunct("("))
            {
                AddList(b, "Arguments", Arguments(isConst));
            }

            list.Add(b.Build());
        }

        return list;
    }

    private List<Value> Arguments(bool isConst) => Many("(", ")", () =>
    {
        var b = new ObjectBuilder();
        b.Add("Name", Value.From(Name()));
        Expect(":");
        b.Add("Value", ValueLiteral(isConst));
        return b.Build();
    }, atLeastOne: true);

    private Value ValueLiteral(bool isConst)
    {
        var t = Peek;
        switch (t.Kind)
        {
            case Kind.Punct when t.Value == "[":
                var items = Many("[", "]", () => Value.NewObject(("Name", Value.From(string.Empty)), ("Value", ValueLiteral(isConst))), atLeastOne: false);
                return Literal(8, string.Empty, items);
            case Kind.Punct when t.Value == "{":
                var fields = Many("{", "}", () =>
                {
                    var name = Name();
                    Expect(":");
                    return Value.NewObject(("Name", Value.From(name)), ("Value", ValueLiteral(isConst)));
                }, atLeastOne: false);
                return Literal(9, string.Empty, fields);
            case Kind.Punct when t.Value == "$" && !isConst:
                Next();
                return Literal(0, Name(), []);
            case Kind.Int:
                Next();
                return Literal(1, t.Value, []);
            case Kind.Float:
                Next();
                return Literal(2, t.Value, []);
            case Kind.String:
                Next();
                return Literal(3, t.Value, []);
            case Kind.BlockString:
                Next();
                return Literal(4, t.Value, []);
            case Kind.Name:
                Next();
                return t.Value switch
                {
                    "true" or "false" => Literal(5, t.Value, []),
                    "null" => Literal(6, t.Value, []),
                    _ => Literal(7, t.Value, []),
                };
            default:
                throw Unexpected();
        }
    }

    private static Value Literal(int kind, string raw, List<Value> children)
    {
        var b = new ObjectBuilder();
        b.Add("Raw", Value.From(raw));
        b.Add("Kind", Value.From(kind));
        b.Add("ExpectedTypeHasDefault", Value.False);
        AddList(b, "Children", children);
        return b.Build();
    }

    private Value TypeReference()
    {
        ObjectBuilder b;
        if (PeekPunct("["))
        {
            Next();
            var elem = TypeReference();
            Expect("]");
            b = new ObjectBuilder();
            b.Add("NamedType", Value.From(string.Empty));
            b.Add("Elem", elem);
        }
        else
        {
            b = new ObjectBuilder();
            b.Add("NamedType", Value.From(Name()));
        }

        var nonNull = PeekPunct("!");
        if (nonNull)
        {
            Next();
        }

        b.Add("NonNull", Value.From(nonNull));
        return b.Build();
    }
}
