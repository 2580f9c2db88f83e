using System.Buffers.Text;
using System.Security.Cryptography;

namespace PhiGate.Audit;

/// <summary>Key ids for checkpoint keys: the first 16 base64url characters of SHA-256(SubjectPublicKeyInfo).</summary>
internal static class CheckpointKeyId
{
    private const string P256Oid = "1.2.840.10045.3.1.7";

    public static string Of(ECDsa key)
    {
        var spki = key.ExportSubjectPublicKeyInfo();
        return Base64Url.EncodeToString(SHA256.HashData(spki))[..16];
    }

    public static bool IsP256(ECDsa key)
    {
        var curve = key.ExportParameters(includePrivateParameters: false).Curve;
        return key.KeySize == 256 && (curve.Oid?.Value == P256Oid || curve.Oid?.FriendlyName is "nistP256" or "ECDSA_P256");
    }
}
