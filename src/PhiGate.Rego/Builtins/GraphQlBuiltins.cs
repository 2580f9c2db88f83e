using PhiGate.Rego.Values;

namespace PhiGate.Rego.Builtins;

/// <summary><c>graphql.parse_query</c>, <c>graphql.parse_schema</c> and <c>graphql.schema_is_valid</c> (parse plus type-reference checks).</summary>
internal static partial class GraphQlBuiltins
{
    public static void Register(BuiltinRegistry r)
    {
        r.Add("graphql.parse_query", ["string"], "object[any: any]", static (_, a) => GraphQlParser.ParseQuery(Args.String(a, 0)));
        r.Add("graphql.parse_schema", ["string"], "object[any: any]", static (_, a) => GraphQlParser.ParseSchema(Args.String(a, 0)));
        r.Add("graphql.schema_is_valid", ["any<string, object[any: any]>"], "boolean", static (_, a) => Value.From(SchemaIsValid(a[0])));
        r.Add("graphql.is_valid", ["any<string, object[any: any]>", "any<string, object[any: any]>"], "boolean", static (_, a) =>
        {
            var query = Document(a[0], 0, GraphQlParser.ParseQuery);
            var schema = Document(a[1], 1, GraphQlParser.ParseSchema);
            return Value.From(query is not null && schema is not null && GraphQlQueryCheck.IsValid(schema, query));
        });
        RegisterCombined(r);
    }

    private static void RegisterCombined(BuiltinRegistry r)
    {
        r.Add("graphql.parse", ["any<string, object[any: any]>", "any<string, object[any: any]>"], "array[object[any: any]]", static (_, a) =>
        {
            var query = a[0] is StringValue q ? GraphQlParser.ParseQuery(q.Value) : Args.Object(a, 0);
            var schema = a[1] is StringValue s ? GraphQlParser.ParseSchema(s.Value) : Args.Object(a, 1);
            return GraphQlQueryCheck.IsValid(schema, query)
                ? Value.NewArray(query, schema)
                : throw BuiltinErrors.Fail("query does not validate against the schema");
        });
        r.Add("graphql.parse_and_verify", ["any<string, object[any: any]>", "any<string, object[any: any]>"], "array[any]", static (_, a) =>
        {
            var query = Document(a[0], 0, GraphQlParser.ParseQuery);
            var schema = Document(a[1], 1, GraphQlParser.ParseSchema);
            return query is not null && schema is not null && GraphQlQueryCheck.IsValid(schema, query)
                ? Value.NewArray(Value.True, query, schema)
                : Value.NewArray(Value.False, ObjectValue.Empty, ObjectValue.Empty);
        });
    }

    /// <summary>A document given as GraphQL text or as an AST object; null when the text does not parse.</summary>
    private static ObjectValue? Document(Value v, int index, Func<string, ObjectValue> parse)
    {
        try
        {
            return v switch
            {
                StringValue s => parse(s.Value),
                ObjectValue o => o,
                _ => throw BuiltinErrors.OperandOneOf(index, v, "string", "object"),
            };
        }
        catch (BuiltinException ex) when (!ex.IsTypeError)
        {
            return null;
        }
    }

    private static bool SchemaIsValid(Value schema)
    {
        ObjectValue document;
        try
        {
            document = schema switch
            {
                StringValue s => GraphQlParser.ParseSchema(s.Value),
                ObjectValue o => o,
                _ => throw BuiltinErrors.OperandOneOf(0, schema, "string", "object"),
            };
        }
        catch (BuiltinException ex) when (!ex.IsTypeError)
        {
            return false;
        }

        return GraphQlSchemaCheck.IsValid(document);
    }
}
