using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.IdentityModel.Tokens;

namespace PhiGate.Authz.Certificates;

/// <summary>
/// Turns Envoy's <c>source.certificate</c> (URL-encoded PEM of the leaf) into <see cref="ClientCertificate"/> facts.
/// A connection sends the same certificate with every request, so results are cached (bounded) by the PEM text.
/// </summary>
internal sealed class ClientCertificateReader(int capacity = 1_024)
{
    private readonly ConcurrentDictionary<string, ClientCertificate?> _cache = new(StringComparer.Ordinal);

    /// <summary>Null when the field is empty or does not hold one parsable certificate.</summary>
    public ClientCertificate? Read(string? urlEncodedPem)
    {
        if (string.IsNullOrEmpty(urlEncodedPem))
        {
            return null;
        }

        if (_cache.TryGetValue(urlEncodedPem, out var cached))
        {
            return cached;
        }

        var parsed = Parse(urlEncodedPem);
        if (_cache.Count >= capacity)
        {
            _cache.Clear();
        }

        _cache[urlEncodedPem] = parsed;
        return parsed;
    }

    internal static ClientCertificate? Parse(string urlEncodedPem)
    {
        string pem;
        try
        {
            pem = Uri.UnescapeDataString(urlEncodedPem);
        }
        catch (UriFormatException)
        {
            return null;
        }

        if (!PemEncoding.TryFind(pem, out var fields) || pem[fields.Label] is not "CERTIFICATE")
        {
            return null;
        }

        var der = new byte[fields.DecodedDataLength];
        if (!Convert.TryFromBase64Chars(pem.AsSpan()[fields.Base64Data], der, out var written))
        {
            return null;
        }

        try
        {
            using var certificate = X509CertificateLoader.LoadCertificate(der.AsSpan(0, written));
            var digest = SHA256.HashData(der.AsSpan(0, written));
            var names = SubjectAltNames.Read(certificate);
            return new ClientCertificate
            {
                Sha256Thumbprint = Base64UrlEncoder.Encode(digest),
                Sha256Hex = Convert.ToHexStringLower(digest),
                Subject = certificate.Subject,
                Issuer = certificate.Issuer,
                SerialNumber = certificate.SerialNumber,
                NotBefore = new DateTimeOffset(certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero),
                NotAfter = new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero),
                DnsNames = names.Dns,
                Uris = names.Uris,
                Emails = names.Emails,
                IpAddresses = names.IpAddresses,
                SpiffeId = names.Uris.Count(u => u.StartsWith("spiffe://", StringComparison.Ordinal)) == 1
                    ? names.Uris.First(u => u.StartsWith("spiffe://", StringComparison.Ordinal))
                    : null,
            };
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
