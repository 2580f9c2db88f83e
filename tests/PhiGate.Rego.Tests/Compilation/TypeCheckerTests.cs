using PhiGate.Rego.Diagnostics;

namespace PhiGate.Rego.Tests.Compilation;

[TestFixture]
public sealed class TypeCheckerTests
{
    private static PolicyCompilation Compile(string body) =>
        PolicyEngine.Create([new PolicyModule("policy.rego", "package test\n\n" + body + "\n")]);

    [TestCase("p := count(1)", "count: invalid argument(s)\n\thave: (number, ???)\n\twant: (any<string, array[any], object[any: any], set[any]>, number)")]
    [TestCase("p := upper(42)", "upper: invalid argument(s)\n\thave: (number, ???)\n\twant: (string, string)")]
    [TestCase("p := 1 + \"a\"", "plus: invalid argument(s)\n\thave: (number, string, ???)\n\twant: (number, number, number)")]
    [TestCase("p := concat(\",\", 1)", "concat: invalid argument(s)")]
    [TestCase("p := upper(count([1]))", "upper: invalid argument(s)\n\thave: (number, ???)")]
    [TestCase("p := sum([\"a\"])", "sum: invalid argument(s)")]
    [TestCase("p if { x := 1; x.foo }", "undefined ref: x.foo\n\tx.foo\n\t^\n\thave: number")]
    [TestCase("p if { x := {\"a\": 1}; x.b }", "undefined ref: x.b\n\tx.b\n\t  ^\n\t  have: \"b\"\n\t  want (one of): [\"a\"]")]
    [TestCase("p if { x := [1, 2]; x[5] }", "undefined ref: x[5]")]
    [TestCase("p if { x := \"abc\"; x[0] }", "undefined ref: x[0]")]
    [TestCase("p if { x := 1; x = \"a\" }", "match error\n\tleft  : number\n\tright : string")]
    [TestCase("f(x) := y if { y := x + 1 }\np := f(\"a\")", "data.test.f: invalid argument(s)\n\thave: (string, ???)\n\twant: (number, number)")]
    [TestCase("q := 1\np if { q.foo }", "undefined ref: data.test.q.foo")]
    [TestCase("p := y if { y := count([1]) with count as concat }", "count: arity mismatch\n\thave: (string, any<array[string], set[string]>)\n\twant: (any<string, array[any], object[any: any], set[any]>)")]
    [TestCase("s contains x if { some x in [1] }\nq := 5\np := [y | y := q[_]]", "undefined ref: data.test.q[")]
    public void Create_IllTypedPolicy_ReportsTypeErrorAsOpaDoes(string body, string expected)
    {
        // Act
        var result = Compile(body);

        // Assert
        Assert.That(result.Success, Is.False);
        Assert.That(result.Errors[0].Code, Is.EqualTo(ErrorCodes.Type));
        Assert.That(result.Errors[0].Message, Does.StartWith(expected));
    }

    [TestCase("p if { x := input.a; x.foo; count(x) > 1; upper(x) }")]
    [TestCase("p := [x | x := input.y[_]; x > 1]")]
    [TestCase("p if { some x in [1, 2]; x > 1 }")]
    [TestCase("f(x) := x\np := f(\"a\")")]
    [TestCase("f(x) := 1 if { x > 1 } else := 2\np := f(\"a\")")]
    [TestCase("s contains x if { some x in [\"a\"] }\np if { s[\"a\"] }")]
    [TestCase("p := sum([1, 2])")]
    [TestCase("p := count(data.foo)")]
    [TestCase("q[1][x] := 2 if { some x in [\"a\"] }\np := q[\"z\"]")]
    [TestCase("p := strings.replace_n({2: \"x\" | true}, \"foo\")")]
    [TestCase("p if { x := input.a; x = \"a\"; x = 1 }")]
    [TestCase("p := {k: v | some k, v in input}")]
    [TestCase("q[x] := 1 if { some x in [\"a\"] }\nq.d.r := 3\np := data.test.q.d.r")]
    [TestCase("q[x] := 1 if { some x in [\"a\"] }\nq.d.r := 3\np := [v | v := data.test.q[_].r]")]
    [TestCase("f(x) := 1\np := y if { y := count([1]) with count as f }")]
    [TestCase("p if { walk(input, [path, value]); count(path) > 1; value == 1 }")]
    [TestCase("p := x if { x := {\"a\": 1}[input.k] }")]
    public void Create_PolicyOpaAccepts_ReportsNoTypeError(string body)
    {
        // Act
        var result = Compile(body);

        // Assert
        Assert.That(result.Errors, Is.Empty, () => string.Join("\n", result.Errors));
    }

    [Test]
    public void Create_DeeplyNestedTermsOnSmallStack_FinishesWithoutCrashing()
    {
        // Arrange: nesting close to the parser's limit, compiled on a thread with a small stack.
        var term = "input.x";
        for (var i = 0; i < 2000; i++)
        {
            term = "[" + term + ", 1]";
        }

        PolicyCompilation? result = null;

        // Act
        var thread = new Thread(() => result = Compile("p := count(" + term + ")"), 1024 * 1024);
        thread.Start();
        thread.Join();

        // Assert
        Assert.That(result, Is.Not.Null, "compilation must finish on its thread");
        Assert.That(result!.Errors.Where(e => e.Code == ErrorCodes.Type), Is.Empty);
    }
}
