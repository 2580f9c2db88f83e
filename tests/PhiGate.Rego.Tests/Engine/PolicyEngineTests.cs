using System.Text;
using System.Text.Json;
using PhiGate.Rego.Values;

namespace PhiGate.Rego.Tests.Engine;

[TestFixture]
public sealed class PolicyEngineTests
{
    private const string Policy = """
        package envoy.authz

        import rego.v1

        default allow := false

        allow if "admin" in user_roles

        allow if {
            some role in user_roles
            some grant in data.grants[role]
            grant.method == input.method
            startswith(input.path, grant.path)
        }

        user_roles contains role if some role in data.roles[input.user]
        """;

    private const string Data = """
        {"roles": {"alice": ["admin"], "bob": ["reader"]},
         "grants": {"reader": [{"method": "GET", "path": "/fhir/"}]}}
        """;

    private static PolicyEngine Engine()
    {
        var c = PolicyEngine.Create([new PolicyModule("authz.rego", Policy)], JsonValueReader.Parse(Data));
        Assert.That(c.Errors, Is.Empty);
        return c.Engine!;
    }

    [TestCase("{\"user\": \"alice\", \"method\": \"DELETE\", \"path\": \"/x\"}", true)]
    [TestCase("{\"user\": \"bob\", \"method\": \"GET\", \"path\": \"/fhir/Patient\"}", true)]
    [TestCase("{\"user\": \"bob\", \"method\": \"POST\", \"path\": \"/fhir/Patient\"}", false)]
    [TestCase("{\"user\": \"mallory\", \"method\": \"GET\", \"path\": \"/fhir/Patient\"}", false)]
    public void EvaluateRule_RbacRequests_AllowsOnlyGrantedRequests(string input, bool expected)
    {
        // Arrange
        var engine = Engine();

        // Act
        var fromBytes = engine.EvaluateRule("envoy/authz/allow", Encoding.UTF8.GetBytes(input));
        using var doc = JsonDocument.Parse(input);
        var fromElement = engine.EvaluateRule("data.envoy.authz.allow", doc.RootElement);

        // Assert
        Assert.That(fromBytes.IsTrue, Is.EqualTo(expected));
        Assert.That(fromElement.IsTrue, Is.EqualTo(expected));
        Assert.That(fromBytes.IsDefined, Is.True, "default allow makes the decision always defined");
    }

    [Test]
    public void EvaluateRule_InvalidJsonInput_ReturnsErrorNotException()
    {
        // Arrange
        var engine = Engine();

        // Act
        var result = engine.EvaluateRule("envoy/authz/allow", "{not json"u8);

        // Assert
        Assert.That(result.IsTrue, Is.False);
        Assert.That(result.Error, Is.Not.Null);
        Assert.That(result.Error!.Message, Does.Not.Contain("not json"));
    }

    [Test]
    public void EvaluateRule_UnknownPath_IsUndefined()
    {
        // Arrange
        var engine = Engine();

        // Act
        var result = engine.EvaluateRule("envoy/authz/missing", "{}"u8);

        // Assert
        Assert.That(result.IsDefined, Is.False);
        Assert.That(result.Error, Is.Null);
        Assert.That(result.ToJson(), Is.EqualTo("null"));
    }

    [Test]
    public void EvaluateRule_ManyThreadsAtOnce_GiveSameAnswersAsSequential()
    {
        // Arrange
        var engine = Engine();
        var inputs = new[]
        {
            ("{\"user\": \"alice\", \"method\": \"DELETE\", \"path\": \"/x\"}"u8.ToArray(), true),
            ("{\"user\": \"bob\", \"method\": \"GET\", \"path\": \"/fhir/a\"}"u8.ToArray(), true),
            ("{\"user\": \"bob\", \"method\": \"PUT\", \"path\": \"/fhir/a\"}"u8.ToArray(), false),
        };
        var mismatches = 0;

        // Act
        Parallel.For(0, 3_000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var (bytes, expected) = inputs[i % inputs.Length];
            if (engine.EvaluateRule("envoy/authz/allow", bytes).IsTrue != expected)
            {
                Interlocked.Increment(ref mismatches);
            }
        });

        // Assert
        Assert.That(mismatches, Is.Zero);
    }

    [Test]
    public void Query_Iteration_ReturnsOneRowPerSolutionAsJson()
    {
        // Arrange
        var engine = Engine();

        // Act
        var result = engine.Query("some user, roles in data.roles; role := roles[_]");

        // Assert
        Assert.That(result.Error, Is.Null);
        Assert.That(result.Rows, Has.Count.EqualTo(2));
        Assert.That(result.ToJson(), Does.Contain("{\"role\":\"admin\",\"roles\":[\"admin\"],\"user\":\"alice\"}"));
    }

    [Test]
    public void Create_DataThatIsNotAnObject_FailsWithError()
    {
        // Arrange
        var data = Value.NewArray(Value.From(1));

        // Act
        var result = PolicyEngine.Create([new PolicyModule("a.rego", "package a\np := 1")], data);

        // Assert
        Assert.That(result.Success, Is.False);
        Assert.That(result.Errors[0].Message, Does.Contain("data must be an object"));
    }

    [Test]
    public void Query_PrintInRule_WritesToSink()
    {
        // Arrange
        var c = PolicyEngine.Create([new PolicyModule("p.rego", "package p\n\nq if {\n\tprint(\"value:\", input.v, input.missing)\n}\n")]);
        var lines = new List<string>();
        var options = new PhiGate.Rego.Evaluation.EvaluationOptions { Print = lines.Add };

        // Act
        var result = c.Engine!.Query("data.p.q", JsonValueReader.Parse("{\"v\": [1]}"), options);

        // Assert
        Assert.That(result.Rows, Has.Count.EqualTo(1));
        Assert.That(lines, Is.EqualTo(new[] { "value: [1] <undefined>" }));
    }
}
