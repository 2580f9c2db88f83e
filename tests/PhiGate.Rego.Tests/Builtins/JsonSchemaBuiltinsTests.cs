namespace PhiGate.Rego.Tests.Builtins;

[TestFixture]
internal sealed class JsonSchemaBuiltinsTests
{
    private const string IdSchema = "{\"properties\":{\"id\":{\"type\":\"integer\"}},\"required\":[\"id\"]}";

    [TestCase("{\"id\":5}", "[true,[]]")]
    [TestCase("\"{\\\"id\\\": 5}\"", "[true,[]]")]
    [TestCase("{\"id\":\"foo\"}", "[false,[{\"desc\":\"Invalid type. Expected: integer, given: string\",\"error\":\"id: Invalid type. Expected: integer, given: string\",\"field\":\"id\",\"type\":\"invalid_type\"}]]")]
    [TestCase("{}", "[false,[{\"desc\":\"id is required\",\"error\":\"(root): id is required\",\"field\":\"(root)\",\"type\":\"required\"}]]")]
    public void MatchSchema_Document_ReportsOpaErrors(string document, string expected)
    {
        // Act
        var actual = BuiltinCall.Json("json.match_schema", document, IdSchema);

        // Assert
        Assert.That(actual, Is.EqualTo(expected));
    }

    [TestCase("{\"type\":\"array\",\"items\":{\"type\":\"string\",\"maxLength\":2},\"minItems\":1}", "[\"ab\",\"abc\"]", "arr")]
    [TestCase("{\"$ref\":\"#/definitions/pos\",\"definitions\":{\"pos\":{\"type\":\"number\",\"minimum\":0}}}", "-1", "ref")]
    [TestCase("{\"anyOf\":[{\"type\":\"string\"},{\"type\":\"null\"}]}", "1", "anyOf")]
    [TestCase("{\"type\":\"object\",\"additionalProperties\":false}", "{\"x\":1}", "additional")]
    public void MatchSchema_Violation_Invalid(string schema, string document, string label)
    {
        // Act
        var actual = BuiltinCall.Json("json.match_schema", document, schema)!;

        // Assert
        Assert.That(actual, Does.StartWith("[false,[{"), label);
    }

    [Test]
    public void VerifySchema_UnknownType_FalseWithMessage()
    {
        // Act
        var actual = BuiltinCall.Json("json.verify_schema", "{\"type\":\"unknown_type\"}");

        // Assert
        Assert.That(actual, Is.EqualTo("[false,\"jsonschema: has a primitive type that is NOT VALID -- given: /unknown_type/ Expected valid values are:[array boolean integer number null object string]\"]"));
    }
}
