using System.Security.Cryptography;
using PhiGate.Audit;
using PhiGate.Testing.Envoy;
using PhiGate.Testing.Hosting;

namespace PhiGate.FunctionalTests.Audit;

/// <summary>The whole host under a bounded burst of Checks: exactly one decision record per call, chain and signatures intact.</summary>
public sealed class CheckAuditLoadTests
{
    private const int Calls = 400;
    private const int InFlight = 16;

    [Test]
    public async Task CheckBurst_NCalls_ExactlyNDecisionRecordsAndTrailVerifies()
    {
        // Arrange
        var folder = Directory.CreateTempSubdirectory("phigate-audit-load-").FullName;
        try
        {
            var policy = Path.Combine(folder, "policy");
            Directory.CreateDirectory(policy);
            await File.WriteAllTextAsync(Path.Combine(policy, "authz.rego"), "package envoy.authz\n\nimport rego.v1\n\ndefault allow := false\n\nallow if input.attributes.request.http.method == \"GET\"\n");
            await File.WriteAllTextAsync(Path.Combine(folder, "hmac"), "load-1\n" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) + "\n");
            using var signing = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            await File.WriteAllTextAsync(Path.Combine(folder, "signing.pem"), signing.ExportPkcs8PrivateKeyPem());
            var trail = Path.Combine(folder, "trail");
            var server = await TestServer.StartAsync(new Dictionary<string, string?>
            {
                ["authz:policy_dirs:0"] = policy,
                ["audit:hmac_key_file"] = Path.Combine(folder, "hmac"),
                ["audit:signing_key_file"] = Path.Combine(folder, "signing.pem"),
                ["audit:directory"] = trail,
                ["audit:stdout"] = "false",
                ["audit:checkpoint_every"] = "100",
            });
            var allowed = 0;
            await using (server)
            {
                using var envoy = server.CreateDriver();

                // Act: a bounded burst, half allowed (GET) and half denied (POST).
                await Parallel.ForAsync(0, Calls, new ParallelOptions { MaxDegreeOfParallelism = InFlight }, async (i, _) =>
                {
                    var response = await envoy.CheckAsync(new CheckRequestBuilder().Method(i % 2 == 0 ? "GET" : "POST").Path($"/fhir/Observation/{i}"));
                    if (response.Status.Code == 0)
                    {
                        Interlocked.Increment(ref allowed);
                    }
                });
                await server.StopAsync();
                server.AssertNoUnexpectedErrors();
            }

            // Assert
            using var key = CheckpointVerificationKey.FromPem(signing.ExportSubjectPublicKeyInfoPem(), out _)!;
            var report = new AuditVerifier([key]).VerifyDirectory(trail);
            var decisions = Directory.GetFiles(trail).SelectMany(File.ReadLines).Count(l => l.Contains("\"type\":\"decision\"", StringComparison.Ordinal));
            Assert.That(allowed, Is.EqualTo(Calls / 2));
            Assert.That(report.IsValid, Is.True, () => report.Problem!.ToString());
            Assert.That(decisions, Is.EqualTo(Calls));
            Assert.That(report.Events, Is.EqualTo(Calls));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
