using System.Text;
using PhiGate.Rego.Ast;
using PhiGate.Rego.Builtins;
using PhiGate.Rego.Compilation;
using PhiGate.Rego.Evaluation;
using PhiGate.Rego.Parsing;
using PhiGate.Rego.Values;

namespace PhiGate.Rego.Tests.Compilation;

[TestFixture]
public sealed class RuleIndexTests
{
    private static string ManyRoutes(int n)
    {
        var sb = new StringBuilder("package routes\n\n");
        for (var i = 0; i < n; i++)
        {
            sb.Append("allow if {\n\tinput.method == \"GET\"\n\tinput.path == \"/r").Append(i).Append("\"\n}\n\n");
        }

        return sb.ToString();
    }

    private static PolicyEngine Engine(string source, string? data = null)
    {
        var compilation = PolicyEngine.Create([new PolicyModule("p.rego", source)], data is null ? null : JsonValueReader.Parse(data));
        Assert.That(compilation.Errors, Is.Empty, () => string.Join("\n", compilation.Errors));
        return compilation.Engine!;
    }

    private static Value? Eval(PolicyEngine engine, string path, string input) =>
        engine.EvaluateRule(path, Encoding.UTF8.GetBytes(input)).Value;

    [Test]
    public void Build_ManyEqualityRules_IndexesEveryRuleByBothConditions()
    {
        // Arrange
        var module = Parser.ParseModule(ManyRoutes(50), "p.rego");

        // Act
        var policy = new Compiler(BuiltinRegistry.Default).Compile([module]);
        var node = policy.Root.Find(["routes", "allow"])!;

        // Assert
        Assert.That(node.Index, Is.Not.Null);
        Assert.That(node.Index!.Needed, Has.All.EqualTo(2));
        Assert.That(node.Index.Operands, Has.Length.EqualTo(2));
    }

    [TestCase("{\"method\": \"GET\", \"path\": \"/r37\"}", true)]
    [TestCase("{\"method\": \"POST\", \"path\": \"/r37\"}", null)]
    [TestCase("{\"method\": \"GET\", \"path\": \"/nope\"}", null)]
    [TestCase("{\"method\": \"GET\"}", null)]
    [TestCase("{}", null)]
    public void EvaluateRule_IndexedRules_SameAnswerAsEveryRuleEvaluated(string input, bool? expected)
    {
        // Arrange
        var engine = Engine(ManyRoutes(50));

        // Act
        var value = Eval(engine, "routes/allow", input);

        // Assert
        Assert.That(value, expected is null ? Is.Null : Is.EqualTo(Value.From(expected.Value)));
    }

    [Test]
    public void EvaluateRule_DefaultAndUnindexableRules_StillApply()
    {
        // Arrange: four indexable rules, one rule without conditions, one with an else chain, and a default.
        const string source = """
            package p

            default allow := false

            allow if input.role == "a"
            allow if input.role == "b"
            allow if input.role == "c"
            allow if input.role == "d"
            allow if startswith(input.role, "adm")
            allow if input.role == "x" else := true if input.level == 9
            """;
        var engine = Engine(source);

        // Act
        var viaIndex = Eval(engine, "p/allow", "{\"role\": \"c\"}");
        var unindexed = Eval(engine, "p/allow", "{\"role\": \"admin\"}");
        var elseChain = Eval(engine, "p/allow", "{\"role\": \"zzz\", \"level\": 9}");
        var fallback = Eval(engine, "p/allow", "{\"role\": \"zzz\"}");

        // Assert
        Assert.That(viaIndex, Is.EqualTo(Value.True));
        Assert.That(unindexed, Is.EqualTo(Value.True));
        Assert.That(elseChain, Is.EqualTo(Value.True));
        Assert.That(fallback, Is.EqualTo(Value.False));
    }

    [Test]
    public void EvaluateRule_NumbersOfEqualValue_MatchAcrossForms()
    {
        // Arrange: 1.0 in the input equals 1 in the policy, as == says.
        const string source = """
            package p

            level := "one" if input.n == 1
            level := "two" if input.n == 2
            level := "three" if input.n == 3
            level := "four" if 4 == input.n
            """;
        var engine = Engine(source);

        // Act
        var one = Eval(engine, "p/level", "{\"n\": 1.0}");
        var four = Eval(engine, "p/level", "{\"n\": 4}");

        // Assert
        Assert.That(one, Is.EqualTo(Value.From("one")));
        Assert.That(four, Is.EqualTo(Value.From("four")));
    }

    [Test]
    public void EvaluateRule_FunctionWithConstantArguments_PicksTheMatchingDefinition()
    {
        // Arrange
        const string source = """
            package p

            verb("GET") := "read"
            verb("HEAD") := "read"
            verb("POST") := "write"
            verb(m) := "write" if m == "PUT"
            verb(m) := "other" if { not m in {"GET", "HEAD", "POST", "PUT"} }

            out := [verb(m) | some m in input.methods]
            """;
        var engine = Engine(source);

        // Act
        var value = Eval(engine, "p/out", "{\"methods\": [\"HEAD\", \"PUT\", \"POST\", \"TRACE\"]}");

        // Assert
        Assert.That(value!.ToString(), Is.EqualTo("[\"read\", \"write\", \"write\", \"other\"]"));
    }

    [Test]
    public void EvaluateRule_PartialSetAndBaseData_IndexesWithoutChangingTheSet()
    {
        // Arrange
        const string source = """
            package p

            deny contains "a" if data.cfg.mode == "strict"
            deny contains "b" if data.cfg.mode == "lax"
            deny contains "c" if input.x == 1
            deny contains "d" if input.x == 2
            deny contains "e" if input.x == 1
            """;
        var engine = Engine(source, "{\"cfg\": {\"mode\": \"strict\"}}");

        // Act
        var value = Eval(engine, "p/deny", "{\"x\": 1}");

        // Assert
        Assert.That(value!.ToString(), Is.EqualTo("{\"a\", \"c\", \"e\"}"));
    }

    [Test]
    public void Query_WithOverridesInput_IndexReadsTheOverriddenInput()
    {
        // Arrange
        var engine = Engine(ManyRoutes(10));

        // Act
        var result = engine.Query("x := data.routes.allow with input as {\"method\": \"GET\", \"path\": \"/r3\"}");

        // Assert
        Assert.That(result.Error, Is.Null);
        Assert.That(result.Rows[0]["x"], Is.EqualTo(Value.True));
    }

    [Test]
    public void EvaluateRule_RuleWithPrint_IsNeverSkipped()
    {
        // Arrange
        const string source = """
            package p

            allow if { print("checked"); input.r == "a" }
            allow if input.r == "b"
            allow if input.r == "c"
            allow if input.r == "d"
            """;
        var printed = new List<string>();
        var compilation = PolicyEngine.Create([new PolicyModule("p.rego", source)]);
        var engine = compilation.Engine!;

        // Act
        var value = engine.EvaluateRule("p/allow", JsonValueReader.Parse("{\"r\": \"b\"}"), new EvaluationOptions { Print = printed.Add });

        // Assert
        Assert.That(value.Value, Is.EqualTo(Value.True));
        Assert.That(printed, Has.Count.EqualTo(1));
    }
}
