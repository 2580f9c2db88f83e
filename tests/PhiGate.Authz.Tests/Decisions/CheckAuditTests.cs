using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PhiGate.Authz.Tests.Support;
using PhiGate.Testing.Envoy;
using PhiGate.Testing.Hosting;

namespace PhiGate.Authz.Tests.Decisions;

/// <summary>Every Check leaves one hash-only audit event: route template, reason, digests — never the raw values.</summary>
[TestFixture]
public sealed class CheckAuditTests
{
    [Test]
    public async Task Check_WithAuditTrail_RecordsTemplateAndDigestsOnly()
    {
        // Arrange
        using var policy = new PolicyFolder(("authz.rego", Policies.AllowAll));
        var folder = Directory.CreateTempSubdirectory("phigate-audit-").FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "hmac"), "k1\n" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) + "\n");
        using (var signing = ECDsa.Create(ECCurve.NamedCurves.nistP256))
        {
            await File.WriteAllTextAsync(Path.Combine(folder, "signing.pem"), signing.ExportPkcs8PrivateKeyPem());
        }

        var audit = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["HmacKeyFile"] = Path.Combine(folder, "hmac"),
            ["SigningKeyFile"] = Path.Combine(folder, "signing.pem"),
            ["Directory"] = Path.Combine(folder, "trail"),
            ["Stdout"] = "false",
        }).Build();
        var server = await TestServer.StartAsync(
            new Dictionary<string, string?> { ["authz:policy_dirs:0"] = policy.Path },
            configureServices: services => services.AddPhiGateAudit(audit));
        using (var driver = server.CreateDriver())
        {
            // Act
            var response = await driver.CheckAsync(new CheckRequestBuilder().Method("GET").Path("/fhir/Patient/pat-4711/_history/7?family=Doe-Smith"), TimeSpan.FromSeconds(10));
            Assert.That(response.Status.Code, Is.EqualTo(0));
        }

        await server.DisposeAsync();

        // Assert
        var text = string.Join("\n", Directory.GetFiles(Path.Combine(folder, "trail"), "*", SearchOption.AllDirectories).Select(File.ReadAllText));
        Assert.That(text, Does.Contain("/fhir/Patient/{id}/_history/{id}"));
        Assert.That(text, Does.Contain("policy_allow"));
        Assert.That(text, Does.Contain("hmac-sha256:k1:"));
        Assert.That(text, Does.Not.Contain("pat-4711"));
        Assert.That(text, Does.Not.Contain("Doe-Smith"));
        Assert.That(text, Does.Not.Contain("10.1.2.3"));
        Directory.Delete(folder, recursive: true);
    }
}
