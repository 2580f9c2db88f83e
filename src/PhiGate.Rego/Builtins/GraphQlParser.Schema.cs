using PhiGate.Rego.Values;
using static PhiGate.Rego.Builtins.GraphQlLexer;

namespace PhiGate.Rego.Builtins;

internal sealed partial class GraphQlParser
{
    private static readonly HashSet<string> DirectiveLocations = new(StringComparer.Ordinal)
    {
        "QUERY", "MUTATION", "SUBSCRIPTION", "FIELD", "FRAGMENT_DEFINITION", "FRAGMENT_SPREAD", "INLINE_FRAGMENT",
        "VARIABLE_DEFINITION", "SCHEMA", "SCALAR", "OBJECT", "FIELD_DEFINITION", "ARGUMENT_DEFINITION", "INTERFACE",
        "UNION", "ENUM", "ENUM_VALUE", "INPUT_OBJECT", "INPUT_FIELD_DEFINITION",
    };

    private ObjectValue SchemaDocument()
    {
        var schema = new List<Value>();
        var schemaExtensions = new List<Value>();
        var directives = new List<Value>();
        var definitions = new List<Value>();
        var extensions = new List<Value>();
        while (Peek.Kind != Kind.Eof)
        {
            var descriptionToken = Peek;
            var description = Description();
            if (Peek.Kind != Kind.Name)
            {
                throw Unexpected();
            }

            switch (Peek.Value)
            {
                case "schema":
                    Next();
                    schema.Add(SchemaDefinition(description, extension: false));
                    break;
                case "directive":
                    Next();
                    directives.Add(DirectiveDefinition(description));
                    break;
                case "extend":
                    if (description is not null)
                    {
                        throw Unexpected(descriptionToken);
                    }

                    Next();
                    if (Peek.Kind is Kind.String or Kind.BlockString)
                    {
                        throw Unexpected();
                    }

                    if (PeekKeyword("schema"))
                    {
                        Next();
                        schemaExtensions.Add(SchemaDefinition(null, extension: true));
                    }
                    else
                    {
                        extensions.Add(TypeDefinition(string.Empty, extension: true));
                    }

                    break;
                default:
                    definitions.Add(TypeDefinition(description ?? string.Empty, extension: false));
                    break;
            }
        }

        var b = new ObjectBuilder();
        AddList(b, "Schema", schema);
        AddList(b, "SchemaExtension", schemaExtensions);
        AddList(b, "Directives", directives);
        AddList(b, "Definitions", definitions);
        AddList(b, "Extensions", extensions);
        return b.Build();
    }

    private string? Description() => Peek.Kind is Kind.String or Kind.BlockString ? Next().Value : null;

    private Value SchemaDefinition(string? description, bool extension)
    {
        var b = new ObjectBuilder();
        b.Add("Description", Value.From(description ?? string.Empty));
        var directives = Directives(isConst: true);
        AddList(b, "Directives", directives);
        if (extension && !PeekPunct("{"))
        {
            if (directives.Count == 0)
            {
                throw Unexpected();
            }

            return b.Build();
        }

        AddList(b, "OperationTypes", Many("{", "}", () =>
        {
            var operation = Name();
            Expect(":");
            return Value.NewObject(("Operation", Value.From(operation)), ("Type", Value.From(Name())));
        }, atLeastOne: true));
        return b.Build();
    }

    private Value DirectiveDefinition(string? description)
    {
        var b = new ObjectBuilder();
        b.Add("Description", Value.From(description ?? string.Empty));
        Expect("@");
        b.Add("Name", Value.From(Name()));
        if (PeekPunct("("))
        {
            AddList(b, "Arguments", Many("(", ")", InputValueDefinition, atLeastOne: true));
        }

        var repeatable = PeekKeyword("repeatable");
        if (repeatable)
        {
            Next();
        }

        b.Add("IsRepeatable", Value.From(repeatable));
        ExpectKeyword("on");
        if (PeekPunct("|"))
        {
            Next();
        }

        var locations = new List<Value>();
        do
        {
            var token = Peek;
            var location = Name();
            if (!DirectiveLocations.Contains(location))
            {
                throw Unexpected(token);
            }

            locations.Add(Value.From(location));
        }
        while (PeekPunct("|") && Next().Kind == Kind.Punct);

        AddList(b, "Locations", locations);
        return b.Build();
    }

    private Value TypeDefinition(string description, bool extension)
    {
        var keywordToken = Peek;
        var keyword = Name();
        var kind = keyword switch
        {
            "scalar" => "SCALAR",
            "type" => "OBJECT",
            "interface" => "INTERFACE",
            "union" => "UNION",
            "enum" => "ENUM",
            "input" => "INPUT_OBJECT",
            _ => throw Unexpected(keywordToken),
        };

        var b = new ObjectBuilder();
        b.Add("Kind", Value.From(kind));
        b.Add("Description", Value.From(description));
        b.Add("Name", Value.From(Name()));
        b.Add("BuiltIn", Value.False);
        var interfaces = new List<Value>();
        if (kind is "OBJECT" or "INTERFACE" && PeekKeyword("implements"))
        {
            Next();
            if (PeekPunct("&"))
            {
                Next();
            }

            interfaces.Add(Value.From(Name()));
            while (PeekPunct("&") || Peek.Kind == Kind.Name && Peek.Value != "implements" && !PeekPunct("{") && false)
            {
                Next();
                interfaces.Add(Value.From(Name()));
            }
        }

        AddList(b, "Interfaces", interfaces);
        var directives = Directives(isConst: true);
        AddList(b, "Directives", directives);
        var hasBody = false;
        switch (kind)
        {
            case "OBJECT" or "INTERFACE" when PeekPunct("{"):
                AddList(b, "Fields", Many("{", "}", FieldDefinition, atLeastOne: true));
                hasBody = true;
                break;
            case "INPUT_OBJECT" when PeekPunct("{"):
                AddList(b, "Fields", Many("{", "}", InputValueDefinition, atLeastOne: true));
                hasBody = true;
                break;
            case "ENUM" when PeekPunct("{"):
                AddList(b, "EnumValues", Many("{", "}", EnumValueDefinition, atLeastOne: true));
                hasBody = true;
                break;
            case "UNION" when PeekPunct("="):
                Next();
                if (PeekPunct("|"))
                {
                    Next();
                }

                var types = new List<Value> { Value.From(Name()) };
                while (PeekPunct("|"))
                {
                    Next();
                    types.Add(Value.From(Name()));
                }

                AddList(b, "Types", types);
                hasBody = true;
                break;
        }

        if (extension && !hasBody && interfaces.Count == 0 && directives.Count == 0)
        {
            throw Unexpected();
        }

        return b.Build();
    }

    private Value FieldDefinition()
    {
        var b = new ObjectBuilder();
        b.Add("Description", Value.From(Description() ?? string.Empty));
        b.Add("Name", Value.From(Name()));
        if (PeekPunct("("))
        {
            AddList(b, "Arguments", Many("(", ")", InputValueDefinition, atLeastOne: true));
        }

        Expect(":");
        b.Add("Type", TypeReference());
        AddList(b, "Directives", Directives(isConst: true));
        return b.Build();
    }

    private Value InputValueDefinition()
    {
        var b = new ObjectBuilder();
        b.Add("Description", Value.From(Description() ?? string.Empty));
        b.Add("Name", Value.From(Name()));
        Expect(":");
        b.Add("Type", TypeReference());
        if (PeekPunct("="))
        {
            Next();
            b.Add("DefaultValue", ValueLiteral(isConst: true));
        }

        AddList(b, "Directives", Directives(isConst: true));
        return b.Build();
    }

    private Value EnumValueDefinition()
    {
        var b = new ObjectBuilder();
        b.Add("Description", Value.From(Description() ?? string.Empty));
        b.Add("Name", Value.From(Name()));
        AddList(b, "Directives", Directives(isConst: true));
        return b.Build();
    }
}
