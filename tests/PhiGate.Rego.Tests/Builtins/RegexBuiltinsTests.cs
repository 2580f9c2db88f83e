namespace PhiGate.Rego.Tests.Builtins;

[TestFixture]
internal sealed class RegexBuiltinsTests
{
    private static TestCaseData C(string name, string expected, params string[] args) =>
        new TestCaseData(name, args, expected).SetName($"{name}({string.Join(", ", args)})");

    private static IEnumerable<TestCaseData> Cases()
    {
        yield return C("regex.find_n", "[\"ar\",\"an\"]", "\"a.\"", "\"paranormal\"", "2");
        yield return C("regex.find_n", "[\"f\"]", "\".$\"", "\"abacadaeaf\"", "-1");
        yield return C("regex.find_all_string_submatch_n", "[[\"som\",\"o\",\"m\"],[\"ri\",\"i\",\"\"]]", "\"[^aouiye]([aouiye])([^aouiye])?\"", "\"somestri\"", "-1");
        yield return C("regex.split", "[\"b\",\"n\",\"n\",\"\"]", "\"a\"", "\"banana\"");
        yield return C("regex.replace", "\"x-1 y-2\"", "\"x=1 y=2\"", "\"(\\\\w)=(\\\\d)\"", "\"$1-$2\"");
        yield return C("regex.template_match", "true", "\"urn:foo:{.*}\"", "\"urn:foo:bar:baz\"", "\"{\"", "\"}\"");
        yield return C("regex.template_match", "false", "\"urn:foo.{[a-z]+}\"", "\"urn:fooXbar\"", "\"{\"", "\"}\"");
        yield return C("regex.globs_match", "false", "\"[a-z]+\"", "\"[0-9]*\"");
        yield return C("regex.globs_match", "true", "\"b.*\"", "\"bar\"");
        yield return C("regex.globs_match", "true", "\"[a-z]+\\\\[[0-9]+\\\\]\"", "\"foo\\\\[1\\\\]\"");
        yield return C("regex.globs_match", "true", "\"a.a.\"", "\".b.b\"");
        yield return C("regex.is_valid", "false", "\"(\"");
        yield return C("regex.is_valid", "false", "1");
        yield return C("glob.match", "true", "\"*.github.com\"", "[\".\"]", "\"api.github.com\"");
        yield return C("glob.match", "true", "\"*\"", "null", "\"foo.bar\"");
        yield return C("glob.match", "false", "\"*\"", "[]", "\"foo.bar\"");
        yield return C("glob.quote_meta", "\"\\\\*.github.com\"", "\"*.github.com\"");
    }

    [TestCaseSource(nameof(Cases))]
    public void Call_ValidArguments_ReturnsOpaResult(string name, string[] args, string expected)
    {
        // Act
        var actual = BuiltinCall.Json(name, args);

        // Assert
        Assert.That(actual, Is.EqualTo(expected));
    }

    [Test]
    public void RegexMatch_BadPattern_BuiltinError()
    {
        // Act
        var error = BuiltinCall.Error("regex.match", "\"$^[[[\"", "\"x\"");

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(error.IsTypeError, Is.False);
            Assert.That(error.Message, Does.StartWith("error parsing regexp: "));
        });
    }
}
