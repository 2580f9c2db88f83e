using PhiGate.Rego.Diagnostics;

namespace PhiGate.Rego.Tests.Parsing;

[TestFixture]
public sealed class ParserTests
{
    private static PolicyCompilation Compile(string source) => PolicyEngine.Create([new PolicyModule("policy.rego", source)]);

    [Test]
    public void Create_MissingPackage_ReportsParseErrorWithLocation()
    {
        // Arrange
        const string source = "allow := true\n";

        // Act
        var result = Compile(source);

        // Assert
        Assert.That(result.Success, Is.False);
        Assert.That(result.Errors[0].Code, Is.EqualTo(ErrorCodes.Parse));
        Assert.That(result.Errors[0].Location.File, Is.EqualTo("policy.rego"));
        Assert.That(result.Errors[0].Location.Line, Is.EqualTo(1));
    }

    [Test]
    public void Create_UnterminatedString_ReportsLineColumnAndCaret()
    {
        // Arrange
        const string source = "package p\n\nx := \"abc\n";

        // Act
        var result = Compile(source);
        var detailed = result.Errors[0].ToDetailedString(source);

        // Assert
        Assert.That(result.Errors[0].Code, Is.EqualTo(ErrorCodes.Parse));
        Assert.That(result.Errors[0].Location.Line, Is.EqualTo(3));
        Assert.That(detailed, Does.StartWith("policy.rego:3:"));
        Assert.That(detailed, Does.Contain("\tx := \"abc"));
        Assert.That(detailed, Does.Contain("^"));
    }

    [Test]
    public void Create_RuleBodyWithoutIf_ReportsRegoV1Error()
    {
        // Arrange
        const string source = "package p\n\nallow { true }\n";

        // Act
        var result = Compile(source);

        // Assert
        Assert.That(result.Errors[0].Message, Does.Contain("`if` keyword is required"));
    }

    [Test]
    public void Create_DeeplyNestedArrays_ReportsParseErrorInsteadOfCrashing()
    {
        // Arrange
        var source = "package p\n\nx := " + new string('[', 50_000) + new string(']', 50_000) + "\n";

        // Act
        var result = Compile(source);

        // Assert
        Assert.That(result.Success, Is.False);
        Assert.That(result.Errors[0].Code, Is.EqualTo(ErrorCodes.Parse));
        Assert.That(result.Errors[0].Message, Does.Contain("nesting"));
    }

    [Test]
    public void Create_UnsafeVariable_ReportsUnsafeVarError()
    {
        // Arrange
        const string source = "package p\n\nallow if {\n\tx > 1\n}\n";

        // Act
        var result = Compile(source);

        // Assert
        Assert.That(result.Errors[0].Code, Is.EqualTo(ErrorCodes.UnsafeVar));
        Assert.That(result.Errors[0].Message, Is.EqualTo("var x is unsafe"));
        Assert.That(result.Errors[0].Location.Line, Is.EqualTo(4));
    }

    [Test]
    public void Create_MutuallyRecursiveRules_ReportsRecursionError()
    {
        // Arrange
        const string source = "package p\n\na if b\n\nb if a\n";

        // Act
        var result = Compile(source);

        // Assert
        Assert.That(result.Errors, Has.Count.EqualTo(1));
        Assert.That(result.Errors[0].Code, Is.EqualTo(ErrorCodes.Recursion));
        Assert.That(result.Errors[0].Message, Is.EqualTo("rule data.p.a is recursive: data.p.a -> data.p.b -> data.p.a"));
    }

    [Test]
    public void Create_UnknownFunction_ReportsTypeError()
    {
        // Arrange
        const string source = "package p\n\nallow if no_such_function(1)\n";

        // Act
        var result = Compile(source);

        // Assert
        Assert.That(result.Errors[0].Code, Is.EqualTo(ErrorCodes.Type));
        Assert.That(result.Errors[0].Message, Does.Contain("undefined function no_such_function"));
    }

    [Test]
    public void Create_FullRegoV1Syntax_Compiles()
    {
        // Arrange
        const string source = """
            package app.rbac

            import rego.v1
            import data.roles as r

            # METADATA
            # title: allow
            default allow := false

            allow if {
                some role in r[input.user]
                every p in input.perms { p in grants[role] }
            } else := false

            grants[role] contains perm if {
                some role, perms in data.grants
                some perm in perms
            }

            a.b[c].d := 1 if c := "x"
            f(x) := y if y := x * 2.5e1
            f(x) := 0 if x == `raw`
            s := {x | x := [1, 2][_]}
            o := {k: v | some k, v in {"a": 1}}
            t := $"user {input.user} has {count(grants)} roles"
            n := not_allowed if not allow with input as {}
            not_allowed := true
            """;

        // Act
        var result = Compile(source);

        // Assert
        Assert.That(result.Errors, Is.Empty);
    }
}
