using PhiGate.Authz.Certificates;
using PhiGate.Testing.Identity;

namespace PhiGate.Authz.Tests.Certificates;

[TestFixture]
public sealed class ClientCertificateReaderTests
{
    [Test]
    public void Read_EnvoyUrlEncodedPem_ExtractsSansSpiffeAndThumbprint()
    {
        // Arrange
        using var certificate = TestCertificate.Create("client-a", "spiffe://phigate.test/ns/ehr/sa/client-a", "client-a.ehr.svc");
        var reader = new ClientCertificateReader();

        // Act
        var facts = reader.Read(certificate.EnvoyPem);

        // Assert
        Assert.That(facts, Is.Not.Null);
        Assert.That(facts!.SpiffeId, Is.EqualTo("spiffe://phigate.test/ns/ehr/sa/client-a"));
        Assert.That(facts.Uris, Is.EqualTo(new[] { "spiffe://phigate.test/ns/ehr/sa/client-a" }));
        Assert.That(facts.DnsNames, Is.EqualTo(new[] { "client-a.ehr.svc" }));
        Assert.That(facts.IpAddresses, Is.EqualTo(new[] { "127.0.0.1" }));
        Assert.That(facts.Sha256Thumbprint, Is.EqualTo(certificate.X5tS256));
        Assert.That(facts.Sha256Hex, Is.EqualTo(certificate.Sha256Hex));
        Assert.That(facts.Subject, Is.EqualTo("CN=client-a"));
    }

    [Test]
    public void Read_SameCertificateTwice_ReturnsCachedFacts()
    {
        // Arrange
        using var certificate = TestCertificate.Create("client-a");
        var reader = new ClientCertificateReader();

        // Act
        var first = reader.Read(certificate.EnvoyPem);
        var second = reader.Read(certificate.EnvoyPem);

        // Assert
        Assert.That(second, Is.SameAs(first));
    }

    [TestCase("")]
    [TestCase("not-a-pem")]
    [TestCase("-----BEGIN%20CERTIFICATE-----%0AAAAA%0A-----END%20CERTIFICATE-----%0A")]
    [TestCase("-----BEGIN%20PRIVATE%20KEY-----%0AAAAA%0A-----END%20PRIVATE%20KEY-----%0A")]
    [TestCase("%E0%A4%A")]
    public void Read_GarbageCertificate_ReturnsNull(string value)
    {
        // Act
        var facts = new ClientCertificateReader().Read(value);

        // Assert
        Assert.That(facts, Is.Null);
    }
}
