using System.Formats.Asn1;
using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using PhiGate.Rego.Values;

namespace PhiGate.Rego.Builtins;

/// <summary>
/// Certificates and signing requests as the objects OPA returns (Go's <c>x509.Certificate</c> JSON field
/// names: <c>Subject.CommonName</c>, <c>DNSNames</c>, <c>URIStrings</c>, <c>NotAfter</c>, ...). Absent lists are null, as in Go.
/// </summary>
internal static class X509Json
{
    public static Value Certificate(X509Certificate2 cert)
    {
        var sans = SubjectAltNames(cert.Extensions);
        var basic = cert.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault();
        var keyUsage = cert.Extensions.OfType<X509KeyUsageExtension>().FirstOrDefault();
        var b = new ObjectBuilder();
        b.Add("Raw", Value.From(Convert.ToBase64String(cert.RawData)));
        b.Add("Version", Value.From(cert.Version));
        b.Add("SerialNumber", Value.From(new BigInteger(cert.SerialNumberBytes.Span, isUnsigned: true, isBigEndian: true)));
        b.Add("Subject", Name(cert.SubjectName));
        b.Add("Issuer", Name(cert.IssuerName));
        b.Add("NotBefore", Value.From(Rfc3339(cert.NotBefore)));
        b.Add("NotAfter", Value.From(Rfc3339(cert.NotAfter)));
        b.Add("Signature", Value.From(Convert.ToBase64String(SignatureOf(cert.RawData))));
        b.Add("SignatureAlgorithm", Value.From(cert.SignatureAlgorithm.Value ?? string.Empty));
        b.Add("PublicKeyAlgorithm", Value.From(cert.GetKeyAlgorithm()));
        b.Add("BasicConstraintsValid", Value.From(basic is not null));
        b.Add("IsCA", Value.From(basic?.CertificateAuthority ?? false));
        b.Add("MaxPathLen", Value.From(basic is { HasPathLengthConstraint: true } ? basic.PathLengthConstraint : -1));
        b.Add("KeyUsage", Value.From(keyUsage is null ? 0 : GoKeyUsage(keyUsage.KeyUsages)));
        b.Add("SubjectKeyId", cert.Extensions.OfType<X509SubjectKeyIdentifierExtension>().FirstOrDefault() is { } ski
            ? Value.From(Convert.ToBase64String(ski.SubjectKeyIdentifierBytes.Span)) : Value.Null);
        b.Add("DNSNames", Strings(sans.Dns));
        b.Add("EmailAddresses", Strings(sans.Email));
        b.Add("IPAddresses", Strings(sans.Ip));
        b.Add("URIStrings", Strings(sans.Uri));
        b.Add("URIs", sans.Uri.Count == 0 ? Value.Null : Value.NewArray([.. sans.Uri.Select(u => Value.NewObject(("Raw", Value.From(u))))]));
        return b.Build();
    }

    public static Value Request(CertificateRequest request, byte[] der)
    {
        var b = new ObjectBuilder();
        b.Add("Raw", Value.From(Convert.ToBase64String(der)));
        b.Add("Version", Value.From(0));
        b.Add("Subject", Name(request.SubjectName));
        b.Add("PublicKeyAlgorithm", Value.From(request.PublicKey.Oid.Value ?? string.Empty));
        var sans = SubjectAltNames(request.CertificateExtensions);
        b.Add("DNSNames", Strings(sans.Dns));
        b.Add("EmailAddresses", Strings(sans.Email));
        b.Add("IPAddresses", Strings(sans.Ip));
        b.Add("URIs", sans.Uri.Count == 0 ? Value.Null : Value.NewArray([.. sans.Uri.Select(u => Value.NewObject(("Raw", Value.From(u))))]));
        return b.Build();
    }

    private static string Rfc3339(DateTime local) =>
        local.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static Value Strings(List<string> items) => items.Count == 0 ? Value.Null : Value.NewArray([.. items.Select(Value.From)]);

    /// <summary>Go's <c>pkix.Name</c>: attribute lists by kind plus <c>CommonName</c>, <c>SerialNumber</c> and the raw <c>Names</c>.</summary>
    private static Value Name(X500DistinguishedName name)
    {
        var lists = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var names = new List<Value>();
        string commonName = string.Empty, serial = string.Empty;
        foreach (var rdn in name.EnumerateRelativeDistinguishedNames())
        {
            if (rdn.HasMultipleElements)
            {
                continue;
            }

            var oid = rdn.GetSingleElementType().Value ?? string.Empty;
            var value = rdn.GetSingleElementValue() ?? string.Empty;
            names.Add(Value.NewObject(("Type", Value.NewArray([.. oid.Split('.').Select(p => Value.From(long.Parse(p, CultureInfo.InvariantCulture)))])), ("Value", Value.From(value))));
            var field = oid switch
            {
                "2.5.4.6" => "Country",
                "2.5.4.10" => "Organization",
                "2.5.4.11" => "OrganizationalUnit",
                "2.5.4.7" => "Locality",
                "2.5.4.8" => "Province",
                "2.5.4.9" => "StreetAddress",
                "2.5.4.17" => "PostalCode",
                _ => null,
            };
            if (field is not null)
            {
                if (!lists.TryGetValue(field, out var list))
                {
                    lists[field] = list = [];
                }

                list.Add(value);
            }
            else if (oid == "2.5.4.3")
            {
                commonName = value;
            }
            else if (oid == "2.5.4.5")
            {
                serial = value;
            }
        }

        var b = new ObjectBuilder();
        foreach (var field in (string[])["Country", "Organization", "OrganizationalUnit", "Locality", "Province", "StreetAddress", "PostalCode"])
        {
            b.Add(field, lists.TryGetValue(field, out var l) ? Value.NewArray([.. l.Select(Value.From)]) : Value.Null);
        }

        b.Add("SerialNumber", Value.From(serial));
        b.Add("CommonName", Value.From(commonName));
        b.Add("Names", names.Count == 0 ? Value.Null : Value.NewArray([.. names]));
        b.Add("ExtraNames", Value.Null);
        return b.Build();
    }

    private static int GoKeyUsage(X509KeyUsageFlags flags)
    {
        // Go numbers key usages by bit position in the ASN.1 bit string (digitalSignature = 1, ...).
        var map = new (X509KeyUsageFlags Flag, int Go)[]
        {
            (X509KeyUsageFlags.DigitalSignature, 1), (X509KeyUsageFlags.NonRepudiation, 2), (X509KeyUsageFlags.KeyEncipherment, 4),
            (X509KeyUsageFlags.DataEncipherment, 8), (X509KeyUsageFlags.KeyAgreement, 16), (X509KeyUsageFlags.KeyCertSign, 32),
            (X509KeyUsageFlags.CrlSign, 64), (X509KeyUsageFlags.EncipherOnly, 128), (X509KeyUsageFlags.DecipherOnly, 256),
        };
        return map.Where(m => flags.HasFlag(m.Flag)).Sum(m => m.Go);
    }

    private static byte[] SignatureOf(byte[] der)
    {
        try
        {
            var seq = new AsnReader(der, AsnEncodingRules.DER).ReadSequence();
            seq.ReadEncodedValue();
            seq.ReadEncodedValue();
            return seq.ReadBitString(out _);
        }
        catch (AsnContentException)
        {
            return [];
        }
    }

    private sealed record AltNames(List<string> Dns, List<string> Email, List<string> Ip, List<string> Uri);

    private static AltNames SubjectAltNames(IEnumerable<X509Extension> extensions)
    {
        var result = new AltNames([], [], [], []);
        var ext = extensions.FirstOrDefault(e => e.Oid?.Value == "2.5.29.17");
        if (ext is null)
        {
            return result;
        }

        try
        {
            var seq = new AsnReader(ext.RawData, AsnEncodingRules.DER).ReadSequence();
            while (seq.HasData)
            {
                var tag = seq.PeekTag();
                if (tag.TagClass != TagClass.ContextSpecific)
                {
                    seq.ReadEncodedValue();
                    continue;
                }

                switch (tag.TagValue)
                {
                    case 1:
                        result.Email.Add(seq.ReadCharacterString(UniversalTagNumber.IA5String, tag));
                        break;
                    case 2:
                        result.Dns.Add(seq.ReadCharacterString(UniversalTagNumber.IA5String, tag));
                        break;
                    case 6:
                        result.Uri.Add(seq.ReadCharacterString(UniversalTagNumber.IA5String, tag));
                        break;
                    case 7:
                        result.Ip.Add(new System.Net.IPAddress(seq.ReadOctetString(tag)).ToString());
                        break;
                    default:
                        seq.ReadEncodedValue();
                        break;
                }
            }
        }
        catch (Exception ex) when (ex is AsnContentException or ArgumentException)
        {
            return result;
        }

        return result;
    }
}
