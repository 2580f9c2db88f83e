using PhiGate.Rego.Values;

namespace PhiGate.Rego.Tests.Builtins;

[TestFixture]
public sealed class RegoBuiltinsTests
{
    private static QueryResult Query(string query)
    {
        var engine = PolicyEngine.Create([new PolicyModule("p.rego", "package p\n")]).Engine!;
        return engine.Query(query, null, new PhiGate.Rego.Evaluation.EvaluationOptions { StrictBuiltinErrors = true });
    }

    [Test]
    public void ParseModule_ValidModule_ReturnsOpaShapedTree()
    {
        // Act
        var result = Query("m := rego.parse_module(\"x.rego\", \"package a.b\\n\\nimport rego.v1\\n\\np if { input.x = 1 }\")");

        // Assert
        Assert.That(result.Error, Is.Null);
        var m = (ObjectValue)result.Rows[0]["m"];
        Assert.That(m.Get("package")!.ToString(), Is.EqualTo("{\"path\": [{\"type\": \"var\", \"value\": \"data\"}, {\"type\": \"string\", \"value\": \"a\"}, {\"type\": \"string\", \"value\": \"b\"}]}"));
        var rule = (ObjectValue)((ArrayValue)m.Get("rules")!)[0];
        Assert.That(((ObjectValue)rule.Get("head")!).Get("name"), Is.EqualTo(Value.From("p")));
        var terms = (ArrayValue)((ObjectValue)((ArrayValue)rule.Get("body")!)[0]).Get("terms")!;
        Assert.That(terms[0].ToString(), Is.EqualTo("{\"type\": \"ref\", \"value\": [{\"type\": \"var\", \"value\": \"eq\"}]}"));
        Assert.That(terms[2].ToString(), Is.EqualTo("{\"type\": \"number\", \"value\": 1}"));
    }

    [Test]
    public void ParseModule_SyntaxError_IsBuiltinErrorWithParseMessage()
    {
        // Act
        var result = Query("m := rego.parse_module(\"x.rego\", \"package foo.\")");

        // Assert
        Assert.That(result.Error?.Code, Is.EqualTo("eval_builtin_error"));
        Assert.That(result.Error?.Message, Does.Contain("rego_parse_error: unexpected eof token: expected ident"));
    }
}
