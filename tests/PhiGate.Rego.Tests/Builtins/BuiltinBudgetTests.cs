using PhiGate.Rego.Builtins;
using PhiGate.Rego.Values;

namespace PhiGate.Rego.Tests.Builtins;

/// <summary>Hostile arguments get a builtin error, never a hang, a stack overflow or an out-of-memory crash.</summary>
[TestFixture]
internal sealed class BuiltinBudgetTests
{
    private static BuiltinException Fails(string name, params Value[] args) =>
        Assert.Throws<BuiltinException>(() => BuiltinCall.Invoke(name, args))!;

    [Test]
    public void Replace_ExplodingResult_Refused()
    {
        // Arrange
        var text = Value.From(new string('a', 100_000));

        // Act
        var error = Fails("replace", text, Value.From("a"), Value.From(new string('b', 1_000)));

        // Assert
        Assert.That(error.Message, Is.EqualTo("result too large"));
    }

    [Test]
    public void ReachablePaths_LongChain_RefusedWithoutStackOverflow()
    {
        // Arrange
        var b = new ObjectBuilder();
        for (var i = 0; i < 50_000; i++)
        {
            b.Add(Value.From(i), Value.NewArray(Value.From(i + 1)));
        }

        // Act
        var error = Fails("graph.reachable_paths", b.Build(), Value.NewArray(Value.From(0)));

        // Assert
        Assert.That(error.Message, Does.StartWith("graph too large"));
    }

    [Test]
    public void ParseQuery_DeepNesting_Refused()
    {
        // Arrange
        var query = new string('{', 100_000);

        // Act
        var error = Fails("graphql.parse_query", Value.From("{ a" + query.Replace("{", " { a", StringComparison.Ordinal)));

        // Assert
        Assert.That(error.Message, Does.StartWith("document nested too deeply"));
    }

    [Test]
    public void RenderTemplate_DeepParentheses_Refused()
    {
        // Arrange
        var template = "{{" + new string('(', 10_000) + ".x" + new string(')', 10_000) + "}}";

        // Act
        var error = Fails("strings.render_template", Value.From(template), ObjectValue.Empty);

        // Assert
        Assert.That(error.Message, Is.EqualTo("template: nested too deeply"));
    }

    [Test]
    public void JsonPatch_VeryLongPath_Undefined()
    {
        // Arrange
        var path = string.Concat(Enumerable.Repeat("/a", 100_000));
        var patch = Value.NewArray(Value.NewObject(("op", Value.From("add")), ("path", Value.From(path)), ("value", Value.From(1))));

        // Act
        var result = BuiltinCall.Invoke("json.patch", ObjectValue.Empty, patch);

        // Assert
        Assert.That(result, Is.Null);
    }

    [Test]
    public void RegexMatch_PathologicalPattern_LinearTime()
    {
        // Arrange: catastrophic for a backtracking engine, linear for RE2 semantics.
        var input = Value.From(new string('a', 50_000) + "!");

        // Act
        var result = BuiltinCall.Invoke("regex.match", Value.From("^(a+)+$"), input);

        // Assert
        Assert.That(result, Is.EqualTo(Value.False));
    }
}
