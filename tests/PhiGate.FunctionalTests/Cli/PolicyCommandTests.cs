using System.Text.Json;

namespace PhiGate.FunctionalTests.Cli;

/// <summary>`phigate policy eval | test | check`, the tools a policy team runs before a policy ships.</summary>
public sealed class PolicyCommandTests
{
    private const string Policy = """
        package envoy.authz

        import rego.v1

        default allow := false

        allow if {
            input.attributes.request.http.method == "GET"
            "clinician" in input.identity.claims.roles
        }
        """;

    private const string Tests = """
        package envoy.authz_test

        import rego.v1
        import data.envoy.authz

        test_clinician_reads if {
            authz.allow with input as {"attributes": {"request": {"http": {"method": "GET"}}}, "identity": {"claims": {"roles": ["clinician"]}}}
        }

        test_billing_cannot_read if {
            print("billing sees", count(input), "input keys")
            authz.allow with input as {"attributes": {"request": {"http": {"method": "GET"}}}, "identity": {"claims": {"roles": ["billing"]}}}
        }
        """;

    private string _folder = null!;

    [SetUp]
    public void WritePolicy()
    {
        _folder = Directory.CreateTempSubdirectory("phigate-policy-").FullName;
        File.WriteAllText(Path.Combine(_folder, "authz.rego"), Policy);
    }

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public async Task PolicyEval_AllowedInput_PrintsTrueResult()
    {
        // Arrange
        var input = Path.Combine(_folder, "input.json");
        await File.WriteAllTextAsync(input, """{"attributes":{"request":{"http":{"method":"GET"}}},"identity":{"claims":{"roles":["clinician"]}}}""");

        // Act
        var (exit, stdout, _) = await PhigateCli.RunAsync("policy", "eval", "-d", _folder, "-i", input, "data.envoy.authz.allow");

        // Assert: OPA's result-set shape, expressions[0].value.
        Assert.That(exit, Is.Zero);
        using var result = JsonDocument.Parse(stdout);
        var value = result.RootElement.GetProperty("result")[0].GetProperty("expressions")[0].GetProperty("value");
        Assert.That(value.GetBoolean(), Is.True);
    }

    [Test]
    public async Task PolicyTest_OneFailingTest_ExitOneWithPassFailLinesAndPrintOutput()
    {
        // Arrange
        await File.WriteAllTextAsync(Path.Combine(_folder, "authz_test.rego"), Tests);

        // Act
        var (exit, stdout, _) = await PhigateCli.RunAsync("policy", "test", _folder, "-v");

        // Assert
        Assert.That(exit, Is.EqualTo(1));
        Assert.That(stdout, Does.Contain("test_clinician_reads").And.Contain("PASS"));
        Assert.That(stdout, Does.Contain("test_billing_cannot_read").And.Contain("FAIL"));
        Assert.That(stdout, Does.Contain("billing sees"), "-v shows print() output of the failing test");
    }

    [Test]
    public async Task PolicyCheck_UnsafeVariable_ExitTwoWithFileLineAndCode()
    {
        // Arrange
        await File.WriteAllTextAsync(Path.Combine(_folder, "broken.rego"), "package broken\n\nimport rego.v1\n\nallow if {\n    x > 1\n}\n");

        // Act
        var (exit, stdout, stderr) = await PhigateCli.RunAsync("policy", "check", _folder);

        // Assert
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(stdout + stderr, Does.Contain("broken.rego:6").And.Contain("rego_unsafe_var_error"));
    }

    [Test]
    public async Task PolicyCheck_ValidPolicy_ExitZero()
    {
        // Act
        var (exit, _, _) = await PhigateCli.RunAsync("policy", "check", _folder);

        // Assert
        Assert.That(exit, Is.Zero);
    }
}
