namespace PhiGate.Rego.Tests.Builtins;

/// <summary>Aggregates, arrays, objects, JSON paths and types, written as JSON in, JSON out.</summary>
[TestFixture]
internal sealed class CollectionBuiltinsTests
{
    private static TestCaseData C(string name, string expected, params string[] args) =>
        new TestCaseData(name, args, expected).SetName($"{name}({string.Join(", ", args)})");

    private static IEnumerable<TestCaseData> Cases()
    {
        yield return C("sum", "6", "[1,2,3]");
        yield return C("sum", "0.3", "[0.1,0.2]");
        yield return C("product", "24", "[1,2,3,4]");
        yield return C("max", "\"a\"", "[1,\"a\",null]");
        yield return C("min", "null", "[1,\"a\",null]");
        yield return C("sort", "[null,1,\"a\"]", "[\"a\",1,null]");
        yield return C("array.concat", "[1,2,3]", "[1]", "[2,3]");
        yield return C("array.slice", "[2,3]", "[1,2,3,4]", "1", "3");
        yield return C("array.slice", "[]", "[1,2,3,4]", "3", "1");
        yield return C("array.slice", "[1,2,3,4]", "[1,2,3,4]", "-5", "10");
        yield return C("array.reverse", "[3,2,1]", "[1,2,3]");
        yield return C("array.flatten", "[1,2,[3]]", "[[1],2,[[3]]]");
        yield return C("object.get", "1", "{\"a\":1}", "\"a\"", "0");
        yield return C("object.get", "0", "{\"a\":1}", "\"b\"", "0");
        yield return C("object.get", "\"x\"", "{\"a\":{\"b\":[\"x\"]}}", "[\"a\",\"b\",0]", "0");
        yield return C("object.get", "{\"a\":1}", "{\"a\":1}", "[]", "0");
        yield return C("object.union", "{\"a\":{\"b\":1,\"c\":2},\"d\":3}", "{\"a\":{\"b\":1},\"d\":1}", "{\"a\":{\"c\":2},\"d\":3}");
        yield return C("object.union_n", "{\"a\":{\"c\":3}}", "[{\"a\":{\"b\":2}},{\"a\":4},{\"a\":{\"c\":3}}]");
        yield return C("object.remove", "{\"b\":2}", "{\"a\":1,\"b\":2}", "[\"a\"]");
        yield return C("object.filter", "{\"a\":1}", "{\"a\":1,\"b\":2}", "{\"a\":0}");
        yield return C("object.subset", "true", "{\"a\":{\"b\":1,\"c\":2}}", "{\"a\":{\"b\":1}}");
        yield return C("object.subset", "true", "[1,2,3,4]", "[2,3]");
        yield return C("object.subset", "false", "[1,2,3,4]", "[2,4]");
        yield return C("json.filter", "{\"a\":{\"b\":1}}", "{\"a\":{\"b\":1,\"c\":2},\"d\":3}", "[\"a/b\"]");
        yield return C("json.filter", "{\"a\":[{\"b\":1}]}", "{\"a\":[{\"b\":1,\"c\":2},{\"b\":3}]}", "[\"a/0/b\"]");
        yield return C("json.remove", "{\"a\":{\"c\":2},\"d\":3}", "{\"a\":{\"b\":1,\"c\":2},\"d\":3}", "[[\"a\",\"b\"]]");
        yield return C("json.remove", "{\"a\":[2]}", "{\"a\":[1,2]}", "[\"a/0\"]");
        yield return C("json.patch", "{\"baz\":\"qux\",\"foo\":\"bar\"}", "{\"foo\":\"bar\"}", "[{\"op\":\"add\",\"path\":\"/baz\",\"value\":\"qux\"}]");
        yield return C("json.patch", "{\"foo\":[\"bar\",\"qux\",\"baz\"]}", "{\"foo\":[\"bar\",\"baz\"]}", "[{\"op\":\"add\",\"path\":\"/foo/1\",\"value\":\"qux\"}]");
        yield return C("json.patch", "[1,2,3]", "[1,2]", "[{\"op\":\"add\",\"path\":\"/-\",\"value\":3}]");
        yield return C("json.patch", "{\"b\":1}", "{\"a\":1}", "[{\"op\":\"move\",\"from\":\"/a\",\"path\":\"/b\"}]");
        yield return C("type_name", "\"array\"", "[]");
        yield return C("is_number", "false", "\"1\"");
        yield return C("is_null", "true", "null");
    }

    [TestCaseSource(nameof(Cases))]
    public void Call_ValidArguments_ReturnsOpaResult(string name, string[] args, string expected)
    {
        // Act
        var actual = BuiltinCall.Json(name, args);

        // Assert
        Assert.That(actual, Is.EqualTo(expected));
    }

    [TestCase("json.patch", "{\"q\":{\"bar\":2}}", "[{\"op\":\"add\",\"path\":\"/a/b\",\"value\":1}]")]
    [TestCase("json.patch", "{\"baz\":\"qux\"}", "[{\"op\":\"test\",\"path\":\"/baz\",\"value\":\"bar\"}]")]
    [TestCase("json.patch", "[1,2,3]", "[{\"op\":\"add\",\"path\":\"1.2\",\"value\":\"foo\"}]")]
    [TestCase("max", "[]")]
    public void Call_NoResult_Undefined(string name, params string[] args)
    {
        // Act
        var actual = BuiltinCall.Json(name, args);

        // Assert
        Assert.That(actual, Is.Null);
    }

    [TestCase("array.reverse", "operand 1 must be array but got object", "{}")]
    [TestCase("array.concat", "operand 2 must be array but got object", "[]", "{}")]
    [TestCase("object.remove", "operand 2 must be one of {object, set, array} but got string", "{}", "\"a\"")]
    [TestCase("object.keys", "operand 1 must be object but got string", "\"a\"")]
    [TestCase("json.remove", "operand 2 must be one of {set, array} containing string paths or array of path segments but got object", "{}", "[{}]")]
    [TestCase("json.remove", "operand 2 must be one of {set, array} but got string", "{}", "\"a\"")]
    [TestCase("sum", "operand 1 must be array of numbers but got array containing string", "[\"a\"]")]
    [TestCase("object.union", "operand 2 must be object but got array", "{}", "[]")]
    public void Call_BadOperand_TypeError(string name, string message, params string[] args)
    {
        // Act
        var error = BuiltinCall.Error(name, args);

        // Assert
        Assert.That(error.Message, Is.EqualTo(message));
    }
}
