using PhiGate.Rego.Values;

namespace PhiGate.Rego.Tests.Builtins;

[TestFixture]
internal sealed class GraphQlBuiltinsTests
{
    private const string Schema = "type Query { hero(episode: Episode!): Character }\ntype Character { id: ID! name: String friends: [Character] }\nenum Episode { NEWHOPE EMPIRE }";

    private static string S(string text) => JsonText.Serialize(Value.From(text));

    [Test]
    public void ParseQuery_SimpleQuery_GqlparserShape()
    {
        // Act
        var ast = BuiltinCall.Json("graphql.parse_query", S("{hero {name}}"));

        // Assert
        Assert.That(ast, Is.EqualTo("{\"Operations\":[{\"Name\":\"\",\"Operation\":\"query\",\"SelectionSet\":[{\"Alias\":\"hero\",\"Name\":\"hero\",\"SelectionSet\":[{\"Alias\":\"name\",\"Name\":\"name\"}]}]}]}"));
    }

    [Test]
    public void ParseSchema_ObjectType_GqlparserShape()
    {
        // Act
        var ast = BuiltinCall.Json("graphql.parse_schema", S("type Hello { world(flag: Boolean = true): String }"));

        // Assert
        Assert.That(ast, Is.EqualTo("{\"Definitions\":[{\"BuiltIn\":false,\"Description\":\"\",\"Fields\":[{\"Arguments\":[{\"DefaultValue\":{\"ExpectedTypeHasDefault\":false,\"Kind\":5,\"Raw\":\"true\"},\"Description\":\"\",\"Name\":\"flag\",\"Type\":{\"NamedType\":\"Boolean\",\"NonNull\":false}}],\"Description\":\"\",\"Name\":\"world\",\"Type\":{\"NamedType\":\"String\",\"NonNull\":false}}],\"Kind\":\"OBJECT\",\"Name\":\"Hello\"}]}"));
    }

    [TestCase("graphql.parse_query", "{", "Expected Name, found <EOF> in GraphQL string at location 1:2")]
    [TestCase("graphql.parse_query", "{ field: {} }", "Expected Name, found { in GraphQL string at location 1:10")]
    [TestCase("graphql.parse_query", "notanoperation Foo { field }", "Unexpected Name \"notanoperation\" in GraphQL string at location 1:1")]
    [TestCase("graphql.parse_query", "fragment Foo on Type { field } fragment Bar Type { f }", "Expected \"on\", found Name \"Type\" in GraphQL string at location 1:45")]
    [TestCase("graphql.parse_schema", "type Hello { }", "expected at least one definition, found } in GraphQL string at location 1:14")]
    [TestCase("graphql.parse_schema", "union Hello = || Wo | Rld", "Expected Name, found | in GraphQL string at location 1:16")]
    [TestCase("graphql.parse_schema", "directive @foo on INCORRECT_LOCATION", "Unexpected Name \"INCORRECT_LOCATION\" in GraphQL string at location 1:19")]
    public void Parse_Malformed_GqlparserError(string name, string text, string message)
    {
        // Act
        var error = BuiltinCall.Error(name, S(text));

        // Assert
        Assert.That(error.Message, Is.EqualTo(message));
    }

    [TestCase("query Q($e: Episode!) { hero(episode: $e) { id name friends { name } } }", true)]
    [TestCase("{ hero { id } }", false)]
    [TestCase("{ hero(episode: EMPIRE) { nosuchfield } }", false)]
    [TestCase("{ hero(episode: EMPIRE) }", false)]
    [TestCase("query Q($unused: Int) { hero(episode: EMPIRE) { id } }", false)]
    [TestCase("{ hero(episode: EMPIRE, extra: 1) { id } }", false)]
    public void IsValid_Query_ChecksAgainstSchema(string query, bool expected)
    {
        // Act
        var actual = BuiltinCall.Json("graphql.is_valid", S(query), S(Schema));

        // Assert
        Assert.That(actual, Is.EqualTo(expected ? "true" : "false"));
    }

    [TestCase("type Query { a: Missing }", false)]
    [TestCase("input In { o: Out } type Out { x: Int } type Query { f(i: In): Int }", false)]
    [TestCase("interface IA { id: ID! } interface IIA implements IA { id: ID! } type A implements IIA { id: ID! }", false)]
    [TestCase("extend type User { id: ID! } union U = User type Query { u: U }", true)]
    public void SchemaIsValid_Schema_ChecksTypes(string schema, bool expected)
    {
        // Act
        var actual = BuiltinCall.Json("graphql.schema_is_valid", S(schema));

        // Assert
        Assert.That(actual, Is.EqualTo(expected ? "true" : "false"));
    }
}
