using System.Buffers.Text;
using System.Security.Cryptography;

namespace PhiGate.Audit;

/// <summary>The ECDSA P-256 key that signs checkpoints, and the id verifiers match it by.</summary>
internal sealed class CheckpointSigningKey : IDisposable
{
    private readonly ECDsa _key;

    private CheckpointSigningKey(ECDsa key, bool isEphemeral)
    {
        _key = key;
        IsEphemeral = isEphemeral;
        Id = CheckpointKeyId.Of(key);
    }

    public string Id { get; }

    public bool IsEphemeral { get; }

    public static CheckpointSigningKey CreateEphemeral() => new(ECDsa.Create(ECCurve.NamedCurves.nistP256), isEphemeral: true);

    public static KeyLoadResult<CheckpointSigningKey> LoadFile(string path, string yamlKey)
    {
        string pem;
        try
        {
            if (!File.Exists(path))
            {
                return KeyLoadResult<CheckpointSigningKey>.Fail($"{yamlKey}: file not found");
            }

            pem = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return KeyLoadResult<CheckpointSigningKey>.Fail($"{yamlKey}: file cannot be read");
        }

        return FromPem(pem, yamlKey);
    }

    public static KeyLoadResult<CheckpointSigningKey> FromPem(string pem, string yamlKey)
    {
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
            if (!CheckpointKeyId.IsP256(key))
            {
                key.Dispose();
                return KeyLoadResult<CheckpointSigningKey>.Fail($"{yamlKey}: not an ECDSA P-256 key");
            }

            // A public-only PEM imports fine but cannot sign: refuse it here rather than at the first checkpoint.
            _ = key.ExportParameters(includePrivateParameters: true);
            return KeyLoadResult<CheckpointSigningKey>.Ok(new CheckpointSigningKey(key, isEphemeral: false));
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            key.Dispose();
            return KeyLoadResult<CheckpointSigningKey>.Fail($"{yamlKey}: not a PEM ECDSA P-256 private key");
        }
    }

    /// <summary>P1363 (r || s) signature of the checkpoint payload, base64url.</summary>
    public string Sign(ReadOnlySpan<byte> payload)
    {
        Span<byte> signature = stackalloc byte[64];
        if (!_key.TrySignData(payload, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation, out var written))
        {
            throw new CryptographicException("ECDSA P-256 signature did not fit 64 bytes.");
        }

        return Base64Url.EncodeToString(signature[..written]);
    }

    public string ExportPublicKeyPem() => _key.ExportSubjectPublicKeyInfoPem();

    public void Dispose() => _key.Dispose();
}
