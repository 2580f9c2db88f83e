using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using PhiGate.Rego.Builtins;
using PhiGate.Rego.Values;

namespace PhiGate.Rego.Tests.Builtins;

[TestFixture]
internal sealed class X509BuiltinsTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);

    private static BuiltinContext Context() => new(new FixedClock(Now), CancellationToken.None);

    [Test]
    public void ParseAndVerify_RootIntermediateLeaf_ValidLeafFirst()
    {
        // Arrange
        var pem = Chain(out _);

        // Act
        var result = (ArrayValue)BuiltinCall.Invoke(Context(), "crypto.x509.parse_and_verify_certificates", Value.From(pem))!;

        // Assert
        var names = ((ArrayValue)result[1]).Items.ToArray().Select(c => ((ObjectValue)((ObjectValue)c).Get("Subject")!).Get("CommonName")).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(result[0], Is.EqualTo(Value.True));
            Assert.That(names, Is.EqualTo(new[] { Value.From("leaf.example"), Value.From("Intermediate"), Value.From("Root") }));
        });
    }

    [TestCase("{\"DNSName\":\"leaf.example\"}", true)]
    [TestCase("{\"DNSName\":\"other.example\"}", false)]
    [TestCase("{\"CurrentTime\":4102444800000000000}", false)]
    [TestCase("{\"KeyUsages\":[\"KeyUsageServerAuth\"]}", true)]
    public void ParseAndVerifyWithOptions_Options_Applied(string options, bool expected)
    {
        // Arrange
        var pem = Chain(out _);

        // Act
        var result = (ArrayValue)BuiltinCall.Invoke(Context(), "crypto.x509.parse_and_verify_certificates_with_options", Value.From(pem), JsonValueReader.Parse(options))!;

        // Assert
        Assert.That(result[0], Is.EqualTo(Value.From(expected)));
    }

    [Test]
    public void ParseCertificates_LeafPem_SubjectAndSans()
    {
        // Arrange
        Chain(out var leafPem);

        // Act
        var certs = (ArrayValue)BuiltinCall.Invoke("crypto.x509.parse_certificates", Value.From(leafPem))!;

        // Assert
        var cert = (ObjectValue)certs[0];
        Assert.Multiple(() =>
        {
            Assert.That(JsonText.Serialize(cert.Get("DNSNames")!), Is.EqualTo("[\"leaf.example\"]"));
            Assert.That(JsonText.Serialize(cert.Get("URIStrings")!), Is.EqualTo("[\"spiffe://example/leaf\"]"));
            Assert.That(cert.Get("IsCA"), Is.EqualTo(Value.False));
        });
    }

    [TestCase("bad")]
    [TestCase("YmFkc3RyaW5n")]
    public void ParseCertificates_Garbage_BuiltinError(string input)
    {
        // Act
        var error = Assert.Throws<BuiltinException>(() => BuiltinCall.Invoke("crypto.x509.parse_certificates", Value.From(input)))!;

        // Assert
        Assert.That(error.Message, Does.Contain("illegal base64").Or.Contain("x509: malformed certificate"));
    }

    private static string Chain(out string leafPem)
    {
        using var rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var midKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var leafKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var rootReq = new CertificateRequest("CN=Root", rootKey, HashAlgorithmName.SHA256);
        rootReq.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        rootReq.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        using var root = rootReq.CreateSelfSigned(Now.AddDays(-1), Now.AddYears(5));
        var midReq = new CertificateRequest("CN=Intermediate", midKey, HashAlgorithmName.SHA256);
        midReq.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        midReq.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        using var mid = midReq.Create(root, Now.AddDays(-1), Now.AddYears(4), [1]).CopyWithPrivateKey(midKey);
        var leafReq = new CertificateRequest("CN=leaf.example", leafKey, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("leaf.example");
        san.AddUri(new Uri("spiffe://example/leaf"));
        leafReq.CertificateExtensions.Add(san.Build());
        leafReq.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var leaf = leafReq.Create(mid, Now.AddDays(-1), Now.AddYears(1), [2]);
        leafPem = leaf.ExportCertificatePem();
        return new StringBuilder().AppendLine(root.ExportCertificatePem()).AppendLine(mid.ExportCertificatePem()).AppendLine(leafPem).ToString();
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
