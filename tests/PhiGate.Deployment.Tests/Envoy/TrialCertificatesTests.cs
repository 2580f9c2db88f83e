using System.Security.Cryptography.X509Certificates;
using PhiGate.Deployment.Tests.Tools;

namespace PhiGate.Deployment.Tests.Envoy;

[TestFixture]
public sealed class TrialCertificatesTests
{
    [Test]
    public void CertsScript_Run_WritesCaSignedServerAndClientCertificates()
    {
        // Arrange
        var bash = ExternalTool.RequireOrIgnore("bash", "the certificate script test");
        ExternalTool.RequireOrIgnore("openssl", "the certificate script test");
        using var output = new TemporaryDirectory();

        // Act
        var result = ExternalTool.Run(bash, [RepositoryLayout.CertificateScript, output.Path]);

        // Assert
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        using var ca = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(output.Path, "ca.crt"));
        using var server = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(output.Path, "server.crt"));
        using var client = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(output.Path, "client.crt"));
        Assert.Multiple(() =>
        {
            Assert.That(server.Issuer, Is.EqualTo(ca.Subject));
            Assert.That(client.Issuer, Is.EqualTo(ca.Subject));
            Assert.That(Chains(server, ca), Is.True, "server certificate chains to the trial CA");
            Assert.That(Chains(client, ca), Is.True, "client certificate chains to the trial CA");
            Assert.That(SubjectAltNames(client), Does.Contain("spiffe://"), "client certificate carries a SPIFFE ID");
            Assert.That(File.Exists(Path.Combine(output.Path, "server.key")), Is.True);
        });
    }

    [Test]
    public void GitIgnore_EnvoyFolder_KeepsGeneratedKeysOut()
    {
        // Arrange
        var ignore = File.ReadAllLines(Path.Combine(RepositoryLayout.Root, "envoy", ".gitignore"));

        // Act
        var patterns = ignore.Select(line => line.Trim()).Where(line => line.Length > 0 && !line.StartsWith('#')).ToList();

        // Assert
        Assert.That(patterns, Is.SupersetOf(new[] { "certs/", "*.key" }));
    }

    private static bool Chains(X509Certificate2 leaf, X509Certificate2 ca)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(leaf);
    }

    private static string SubjectAltNames(X509Certificate2 certificate) =>
        certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().FirstOrDefault()?.Format(multiLine: false) ?? string.Empty;
}
