namespace PhiGate.Rego.Tests.Builtins;

[TestFixture]
internal sealed class EncodingBuiltinsTests
{
    private static TestCaseData C(string name, string expected, params string[] args) =>
        new TestCaseData(name, args, expected).SetName($"{name}({string.Join(", ", args)})");

    private static IEnumerable<TestCaseData> Cases()
    {
        yield return C("json.marshal", "\"{\\\"a\\\":[1,\\\"\\\\u003c\\\"]}\"", "{\"a\":[1,\"<\"]}");
        yield return C("json.marshal_with_options", "\"{\\n  \\\"a\\\": [\\n    1\\n  ],\\n  \\\"b\\\": {}\\n}\"", "{\"a\":[1],\"b\":{}}", "{\"indent\":\"  \"}");
        yield return C("json.marshal_with_options", "\"{\\\"a\\\":1}\"", "{\"a\":1}", "{\"indent\":\"  \",\"pretty\":false}");
        yield return C("json.unmarshal", "{\"a\":[1,2.5]}", "\"{\\\"a\\\":[1,2.5]}\"");
        yield return C("json.is_valid", "false", "\"{\"");
        yield return C("json.is_valid", "true", "\"[1]\"");
        yield return C("base64.encode", "\"aGVsbG8=\"", "\"hello\"");
        yield return C("base64.decode", "\"hello\"", "\"aGVsbG8=\"");
        yield return C("base64.is_valid", "false", "\"{'not':'base64'}\"");
        yield return C("base64url.encode", "\"c3ViamVjdHM_X2Q=\"", "\"subjects?_d\"");
        yield return C("base64url.encode_no_pad", "\"c3ViamVjdHM_X2Q\"", "\"subjects?_d\"");
        yield return C("base64url.decode", "\"subjects?_d\"", "\"c3ViamVjdHM_X2Q\"");
        yield return C("hex.encode", "\"6869\"", "\"hi\"");
        yield return C("hex.decode", "\"hi\"", "\"6869\"");
        yield return C("urlquery.encode", "\"a+b%26c%3D%C3%A9\"", "\"a b&c=é\"");
        yield return C("urlquery.decode", "\"a b&c=é\"", "\"a+b%26c%3D%C3%A9\"");
        yield return C("urlquery.encode_object", "\"a=1&a=2&b=x+y\"", "{\"b\":\"x y\",\"a\":[\"1\",\"2\"]}");
        yield return C("urlquery.decode_object", "{\"a\":[\"1\",\"2\"],\"b\":[\"\"]}", "\"a=1&b&a=2\"");
    }

    [TestCaseSource(nameof(Cases))]
    public void Call_ValidArguments_ReturnsOpaResult(string name, string[] args, string expected)
    {
        // Act
        var actual = BuiltinCall.Json(name, args);

        // Assert
        Assert.That(actual, Is.EqualTo(expected));
    }

    [TestCase("base64.decode", "illegal base64 data at input byte 4", "\"aGVs!G8=\"")]
    [TestCase("base64.decode", "illegal base64 data at input byte 4", "\"aGVsbG8\"")]
    [TestCase("hex.decode", "encoding/hex: invalid byte: U+0067 'g'", "\"6g\"")]
    [TestCase("hex.decode", "encoding/hex: odd length hex string", "\"686\"")]
    [TestCase("urlquery.decode", "invalid URL escape \"%zz\"", "\"%zz\"")]
    [TestCase("json.marshal_with_options", "operand 2 object contained unknown key \"include_winning_lottery_numbers\"", "{}", "{\"include_winning_lottery_numbers\":true}")]
    public void Call_InvalidInput_Error(string name, string message, params string[] args)
    {
        // Act
        var error = BuiltinCall.Error(name, args);

        // Assert
        Assert.That(error.Message, Is.EqualTo(message));
    }

    [Test]
    public void Base64Decode_InvalidUtf8_EachBadByteIsOneReplacementRune()
    {
        // Act
        var actual = BuiltinCall.Json("count", BuiltinCall.Json("base64.decode", "\"2E84ZuPUd7zfvCZSNEchVpDEIj6PL7JfLpIqyxVG16k=\"")!);

        // Assert
        Assert.That(actual, Is.EqualTo("30"));
    }
}
