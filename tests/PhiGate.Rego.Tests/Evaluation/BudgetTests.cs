using PhiGate.Rego.Diagnostics;
using PhiGate.Rego.Evaluation;
using PhiGate.Rego.Values;

namespace PhiGate.Rego.Tests.Evaluation;

[TestFixture]
public sealed class BudgetTests
{
    private static PolicyEngine Engine(string source)
    {
        var c = PolicyEngine.Create([new PolicyModule("budget.rego", source)]);
        Assert.That(c.Errors, Is.Empty);
        return c.Engine!;
    }

    [Test]
    public void EvaluateRule_RuleChainDeeperThanDepthBudget_ReturnsBudgetError()
    {
        // Arrange
        var engine = Engine("package b\n\na := b\nb := c\nc := d\nd := e\ne := 1\n");
        var options = new EvaluationOptions { MaxDepth = 3 };

        // Act
        var limited = engine.EvaluateRule("b/a", null, options);
        var unlimited = engine.EvaluateRule("b/a", (Value?)null);

        // Assert
        Assert.That(limited.Error?.Code, Is.EqualTo(ErrorCodes.EvalBudget));
        Assert.That(unlimited.Value, Is.EqualTo(Value.From(1)));
    }

    [Test]
    public void EvaluateRule_DeeplyNestedComprehensionsOnSmallStack_ReturnsErrorWithoutCrashing()
    {
        // Arrange
        const int depth = 300;
        var term = "input.x";
        for (var i = 0; i < depth; i++)
        {
            term = "[y | y := " + term + "]";
        }

        var engine = Engine("package b\n\np := " + term + "\n");
        PolicyResult? result = null;

        // Act
        var thread = new Thread(() => result = engine.EvaluateRule("b/p", JsonValueReader.Parse("{\"x\": 1}")), 256 * 1024);
        thread.Start();
        thread.Join();

        // Assert
        Assert.That(result, Is.Not.Null, "evaluation must finish on its thread");
        if (result!.Error is { } error)
        {
            Assert.That(error.Code, Is.EqualTo(ErrorCodes.EvalBudget));
        }
        else
        {
            Assert.That(result.ToJson(), Does.StartWith(new string('[', depth) + "1"));
        }
    }

    [Test]
    public void EvaluateRule_StepBudgetExceeded_ReturnsBudgetError()
    {
        // Arrange
        var engine = Engine("package b\n\np := count([x | some x in numbers.range(1, 100000); x > 0])\n");
        var options = new EvaluationOptions { MaxSteps = 1_000 };

        // Act
        var result = engine.EvaluateRule("b/p", null, options);

        // Assert
        Assert.That(result.Error?.Code, Is.EqualTo(ErrorCodes.EvalBudget));
        Assert.That(result.Error?.Message, Does.Contain("step"));
    }

    [Test]
    public void EvaluateRule_WallClockBudgetExceeded_ReturnsBudgetError()
    {
        // Arrange
        var engine = Engine("package b\n\np := count([1 | some x in numbers.range(1, 3000); some y in numbers.range(1, 3000)])\n");
        var options = new EvaluationOptions { Timeout = TimeSpan.FromMilliseconds(20), MaxSteps = long.MaxValue };

        // Act
        var result = engine.EvaluateRule("b/p", null, options);

        // Assert
        Assert.That(result.Error?.Code, Is.EqualTo(ErrorCodes.EvalBudget));
        Assert.That(result.Error?.Message, Does.Contain("time"));
    }

    [Test]
    public void EvaluateRule_CancelledToken_ReturnsCancelError()
    {
        // Arrange
        var engine = Engine("package b\n\np := count([1 | some x in numbers.range(1, 3000); some y in numbers.range(1, 3000)])\n");
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        // Act
        var result = engine.EvaluateRule("b/p", null, null, cts.Token);

        // Assert
        Assert.That(result.Error?.Code, Is.EqualTo(ErrorCodes.EvalCancel));
    }

    [Test]
    public void EvaluateRule_ConflictingCompleteRules_ReturnsConflictError()
    {
        // Arrange
        var engine = Engine("package b\n\np := 1 if input.a\np := 2 if input.b\n");
        var input = JsonValueReader.Parse("{\"a\": true, \"b\": true}");

        // Act
        var result = engine.EvaluateRule("b/p", input);

        // Assert
        Assert.That(result.Error?.Code, Is.EqualTo(ErrorCodes.EvalConflict));
        Assert.That(result.Error?.ToString(), Does.Contain("budget.rego:"));
    }

    [Test]
    public void Query_StrictBuiltinError_ReportsLocationCodeAndName()
    {
        // Arrange
        var engine = Engine("package b\n\np := x if {\n\tx := 1 / input.d\n}\n");
        var input = JsonValueReader.Parse("{\"d\": 0}");

        // Act
        var strict = engine.Query("data.b.p = x", input, new EvaluationOptions { StrictBuiltinErrors = true });
        var lenient = engine.Query("data.b.p = x", input);

        // Assert
        Assert.That(strict.Error?.ToString(), Is.EqualTo("budget.rego:4: eval_builtin_error: div: divide by zero"));
        Assert.That(lenient.Error, Is.Null);
        Assert.That(lenient.Rows, Is.Empty);
    }
}
