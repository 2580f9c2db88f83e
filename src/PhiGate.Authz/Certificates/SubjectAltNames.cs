using System.Formats.Asn1;
using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace PhiGate.Authz.Certificates;

/// <summary>Reads the GeneralNames of a subjectAltName extension (RFC 5280 §4.2.1.6): DNS, URI, e-mail and IP entries.</summary>
internal static class SubjectAltNames
{
    private const string ExtensionOid = "2.5.29.17";

    public sealed record Names(List<string> Dns, List<string> Uris, List<string> Emails, List<string> IpAddresses);

    public static Names Read(X509Certificate2 certificate)
    {
        var names = new Names([], [], [], []);
        var extension = certificate.Extensions[ExtensionOid];
        if (extension is null)
        {
            return names;
        }

        try
        {
            var reader = new AsnReader(extension.RawData, AsnEncodingRules.DER);
            var sequence = reader.ReadSequence();
            reader.ThrowIfNotEmpty();
            while (sequence.HasData)
            {
                ReadOne(sequence, names);
            }
        }
        catch (AsnContentException)
        {
            // A broken SAN extension yields no names: the certificate then simply proves less.
            return new Names([], [], [], []);
        }

        return names;
    }

    private static void ReadOne(AsnReader sequence, Names names)
    {
        var tag = sequence.PeekTag();
        if (tag.TagClass != TagClass.ContextSpecific)
        {
            sequence.ReadEncodedValue();
            return;
        }

        switch (tag.TagValue)
        {
            case 1:
                names.Emails.Add(sequence.ReadCharacterString(UniversalTagNumber.IA5String, tag));
                break;
            case 2:
                names.Dns.Add(sequence.ReadCharacterString(UniversalTagNumber.IA5String, tag));
                break;
            case 6:
                names.Uris.Add(sequence.ReadCharacterString(UniversalTagNumber.IA5String, tag));
                break;
            case 7:
                var bytes = sequence.ReadOctetString(tag);
                if (bytes.Length is 4 or 16)
                {
                    names.IpAddresses.Add(new IPAddress(bytes).ToString());
                }

                break;
            default:
                sequence.ReadEncodedValue();
                break;
        }
    }
}
