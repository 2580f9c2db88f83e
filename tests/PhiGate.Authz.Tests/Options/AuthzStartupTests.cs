using Grpc.Core;
using Envoy.Service.Auth.V3;
using PhiGate.Diagnostics.V1;
using PhiGate.Authz.Tests.Support;
using PhiGate.Host.Hosting;
using PhiGate.Testing.Envoy;
using PhiGate.Testing.Hosting;

namespace PhiGate.Authz.Tests.Options;

/// <summary>The <c>authz</c> section is validated at start-up: nothing starts with a bad policy or bad key.</summary>
[TestFixture]
public sealed class AuthzStartupTests
{
    private static async Task<IReadOnlyList<string>> ProblemsOf(Dictionary<string, string?> overrides)
    {
        var problems = Assert.ThrowsAsync<ConfigurationProblemsException>(async () => await TestServer.StartAsync(overrides));
        return problems!.Problems;
    }

    [Test]
    public async Task Start_PolicyWithSyntaxError_OneLineNamingFileAndLine()
    {
        // Arrange
        using var policy = new PolicyFolder(("authz.rego", "package envoy.authz\n\nallow if {\n"));

        // Act
        var problems = await ProblemsOf(new() { ["authz:policy_dirs:0"] = policy.Path });

        // Assert
        Assert.That(problems, Has.Count.EqualTo(1));
        Assert.That(problems[0], Does.StartWith("authz.policy_dirs: authz.rego:"));
        Assert.That(problems[0], Does.Contain("rego_parse_error"));
    }

    [Test]
    public async Task Start_MissingPolicyDirAndBadValues_OneLineEach()
    {
        // Act
        var problems = await ProblemsOf(new()
        {
            ["authz:policy_dirs:0"] = Path.Combine(Path.GetTempPath(), "phigate-no-such-dir-" + Guid.NewGuid().ToString("N")),
            ["authz:decision"] = "envoy..allow",
            ["authz:decision_timeout"] = "1h",
            ["authz:tokens:issuers:0:issuer"] = "https://idp.example.org",
            ["authz:tokens:issuers:0:audiences:0"] = "ehr-api",
            ["authz:tokens:issuers:0:jwks_uri"] = "http://idp.example.org/jwks",
            ["authz:tokens:issuers:0:algorithms:0"] = "HS256",
        });

        // Assert
        Assert.That(problems, Is.EquivalentTo(new[]
        {
            "authz.decision: must be a rule path such as envoy/authz/allow",
            "authz.decision_timeout: must be a duration between 1ms and 10s",
            "authz.policy_dirs[0]: directory not found",
            "authz.tokens.issuers[0].jwks_uri: must be an https URL (http only for loopback hosts)",
            "authz.tokens.issuers[0].algorithms: HS256 is not allowed (symmetric and unsigned tokens are never accepted)",
        }));
    }

    [Test]
    public async Task Start_UnknownAuthzKey_Refused()
    {
        // Act
        var problems = await ProblemsOf(new() { ["authz:dryrun_mode"] = "true" });

        // Assert
        Assert.That(problems, Has.Count.EqualTo(1));
        Assert.That(problems[0], Does.Contain("dryrunmode"));
    }

    [Test]
    public async Task Start_NoPolicyConfigured_EveryCheckDenied()
    {
        // Arrange
        await using var server = await TestServer.StartAsync();
        using var driver = server.CreateDriver();

        // Act
        var response = await driver.CheckAsync(new CheckRequestBuilder().Method("GET").Path("/"), TimeSpan.FromSeconds(10));

        // Assert
        Assert.That(response.Status.Code, Is.EqualTo((int)StatusCode.PermissionDenied));
        Assert.That((int)response.DeniedResponse.Status.Code, Is.EqualTo(403));
        Assert.That(server.Logs.Events.Any(e => e.EventId.Name == "NoPolicyConfigured"), Is.True);
    }

    [TestCase(true)]
    [TestCase(false)]
    public async Task Baseline_EnableBaselineSetting_ServedOnlyWhenEnabled(bool enabled)
    {
        // Arrange
        await using var server = await TestServer.StartAsync(new Dictionary<string, string?> { ["server:enable_baseline"] = enabled ? "true" : "false" });
        using var channel = server.CreateChannel();
        var client = new Baseline.BaselineClient(channel);
        var call = () => client.CheckAsync(new CheckRequestBuilder().Build(), deadline: DateTime.UtcNow.AddSeconds(10)).ResponseAsync;

        // Act + Assert
        if (enabled)
        {
            var response = await call();
            Assert.That(response, Is.EqualTo(new CheckResponse()));
        }
        else
        {
            var error = Assert.ThrowsAsync<RpcException>(async () => await call());
            Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.Unimplemented));
        }
    }
}
