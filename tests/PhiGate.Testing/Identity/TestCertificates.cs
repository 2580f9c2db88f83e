using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.IdentityModel.Tokens;

namespace PhiGate.Testing.Identity;

/// <summary>Self-signed client certificates with SANs, in the URL-encoded PEM form Envoy puts in <c>source.certificate</c>.</summary>
public sealed class TestCertificate : IDisposable
{
    private TestCertificate(X509Certificate2 certificate) => Certificate = certificate;

    public X509Certificate2 Certificate { get; }

    /// <summary>PEM of the certificate.</summary>
    public string Pem => Certificate.ExportCertificatePem() + "\n";

    /// <summary>URL-encoded PEM of the certificate, as Envoy sends it.</summary>
    public string EnvoyPem => Uri.EscapeDataString(Pem);

    /// <summary>SHA-256 of the DER, base64url (RFC 8705 <c>x5t#S256</c>).</summary>
    public string X5tS256 => Base64UrlEncoder.Encode(SHA256.HashData(Certificate.RawData));

    public string Sha256Hex => Convert.ToHexStringLower(SHA256.HashData(Certificate.RawData));

    public static TestCertificate Create(string commonName, string? spiffeId = null, string? dnsName = null)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256);
        var sans = new SubjectAlternativeNameBuilder();
        if (spiffeId is not null)
        {
            sans.AddUri(new Uri(spiffeId));
        }

        if (dnsName is not null)
        {
            sans.AddDnsName(dnsName);
        }

        sans.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(sans.Build());
        var now = DateTimeOffset.UtcNow;
        return new TestCertificate(request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1)));
    }

    public void Dispose() => Certificate.Dispose();
}
