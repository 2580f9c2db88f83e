namespace PhiGate.Rego.Tests.Builtins;

[TestFixture]
internal sealed class StringBuiltinsTests
{
    private static IEnumerable<TestCaseData> Cases()
    {
        TestCaseData C(string name, string expected, params string[] args) => new TestCaseData(name, args, expected).SetName($"{name}({string.Join(", ", args)})");
        yield return C("concat", "\"a/b/c\"", "\"/\"", "[\"a\",\"b\",\"c\"]");
        yield return C("concat", "\"\"", "\"/\"", "[]");
        yield return C("contains", "true", "\"abc\"", "\"bc\"");
        yield return C("startswith", "false", "\"abc\"", "\"bc\"");
        yield return C("endswith", "true", "\"abc\"", "\"bc\"");
        yield return C("lower", "\"abc\"", "\"AbC\"");
        yield return C("upper", "\"ÄBC\"", "\"äbc\"");
        yield return C("split", "[\"a\",\"b\",\"\"]", "\"a.b.\"", "\".\"");
        yield return C("split", "[\"a\",\"é\"]", "\"aé\"", "\"\"");
        yield return C("strings.split_n", "[\"a\",\"b\"]", "\"a.b.c.d\"", "\".\"", "2");
        yield return C("strings.split_n", "[\"c\",\"d\"]", "\"a.b.c.d\"", "\".\"", "-2");
        yield return C("strings.split_n", "[\"\"]", "\"\"", "\".\"", "2");
        yield return C("replace", "\"xbcxbc\"", "\"abcabc\"", "\"a\"", "\"x\"");
        yield return C("replace", "\"-a-b-\"", "\"ab\"", "\"\"", "\"-\"");
        yield return C("strings.replace_n", "\"1 2 c\"", "{\"a\":\"1\",\"b\":\"2\"}", "\"a b c\"");
        yield return C("strings.replace_n", "\"x\"", "{\"ab\":\"x\",\"abc\":\"y\"}", "\"ab\"");
        yield return C("strings.reverse", "\"cbé\"", "\"ébc\"");
        yield return C("strings.count", "3", "\"cheese\"", "\"e\"");
        yield return C("strings.count", "4", "\"abc\"", "\"\"");
        yield return C("strings.any_prefix_match", "true", "[\"foo\",\"bar\"]", "\"ba\"");
        yield return C("strings.any_suffix_match", "false", "\"foo\"", "[\"x\",\"y\"]");
        yield return C("trim", "\"b\"", "\"aabaa\"", "\"a\"");
        yield return C("trim_left", "\"baa\"", "\"aabaa\"", "\"a\"");
        yield return C("trim_right", "\"aab\"", "\"aabaa\"", "\"a\"");
        yield return C("trim_prefix", "\"bar\"", "\"foobar\"", "\"foo\"");
        yield return C("trim_suffix", "\"foo\"", "\"foobar\"", "\"bar\"");
        yield return C("trim_space", "\"a b\"", "\"\\t a b \\n\"");
        yield return C("indexof", "1", "\"aéb\"", "\"é\"");
        yield return C("indexof", "2", "\"aéb\"", "\"b\"");
        yield return C("indexof", "-1", "\"abc\"", "\"z\"");
        yield return C("indexof_n", "[0,1]", "\"aaa\"", "\"aa\"");
        yield return C("substring", "\"éb\"", "\"aébc\"", "1", "2");
        yield return C("substring", "\"ébc\"", "\"aébc\"", "1", "-1");
        yield return C("substring", "\"\"", "\"abc\"", "10", "1");
        yield return C("sprintf", "\"hi 05 there\"", "\"hi %02d %s\"", "[5, \"there\"]");
        yield return C("sprintf", "\"123456789123456789123\"", "\"%s\"", "[123456789123456789123]");
        yield return C("sprintf", "\"[\\\"a\\\", 1] {\\\"k\\\": true}\"", "\"%v %v\"", "[[\"a\", 1], {\"k\": true}]");
        yield return C("format_int", "\"f\"", "15.5", "16");
        yield return C("format_int", "\"-f\"", "-15.9", "16");
        yield return C("format_int", "\"10000000000000001\"", "18446744073709551617", "16");
        yield return C("format_int", "\"101\"", "5", "2");
    }

    [TestCaseSource(nameof(Cases))]
    public void Call_ValidArguments_ReturnsOpaResult(string name, string[] args, string expected)
    {
        // Act
        var actual = BuiltinCall.Json(name, args);

        // Assert
        Assert.That(actual, Is.EqualTo(expected));
    }

    [TestCase("strings.any_prefix_match", "operand 1 must be one of {string, set, array} but got number", "1", "\"a\"")]
    [TestCase("strings.any_suffix_match", "operand 2 must be array of strings but got array containing number", "\"a\"", "[1]")]
    [TestCase("strings.split_n", "operand 3 must be integer number but got floating-point number", "\"a\"", "\".\"", "1.5")]
    [TestCase("strings.replace_n", "operand 2 must be string but got number", "{}", "1")]
    [TestCase("strings.reverse", "operand 1 must be string but got number", "1")]
    [TestCase("concat", "operand 2 must be array of strings but got array containing number", "\",\"", "[1]")]
    [TestCase("format_int", "operand 2 must be one of {2, 8, 10, 16}", "1", "3")]
    [TestCase("sprintf", "operand 2 must be array but got string", "\"%s\"", "\"x\"")]
    public void Call_BadOperand_TypeError(string name, string message, params string[] args)
    {
        // Act
        var error = BuiltinCall.Error(name, args);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(error.Message, Is.EqualTo(message));
            Assert.That(error.IsTypeError, Is.True);
        });
    }

    [TestCase("substring", "negative offset", "\"abc\"", "-1", "1")]
    [TestCase("indexof", "empty search character", "\"abc\"", "\"\"")]
    public void Call_InvalidValue_BuiltinError(string name, string message, params string[] args)
    {
        // Act
        var error = BuiltinCall.Error(name, args);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(error.Message, Is.EqualTo(message));
            Assert.That(error.IsTypeError, Is.False);
        });
    }
}
