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
    public void EvaluateRule_UnboundedRecursion_ReturnsBudgetErrorWithoutStackOverflow()
    {
        // Arrange
        var engine = Engine("package b\n\nf(x) := y if y := f(x + 1)\n\np := f(0)\n");

        // Act
        var result = engine.EvaluateRule("b/p", (Value?)null);

        // Assert
        Assert.That(result.IsDefined, Is.False);
        Assert.That(result.Error?.Code, Is.EqualTo(ErrorCodes.EvalBudget));
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
