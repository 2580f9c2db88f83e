using System.Security.Cryptography;

namespace PhiGate.Audit;

/// <summary>A public ECDSA P-256 key that checks checkpoint signatures.</summary>
internal sealed class CheckpointVerificationKey : IDisposable
{
    private readonly ECDsa _key;

    private CheckpointVerificationKey(ECDsa key)
    {
        _key = key;
        Id = CheckpointKeyId.Of(key);
    }

    /// <summary>The key id written into checkpoints signed by the matching private key.</summary>
    public string Id { get; }

    /// <summary>
    /// Reads a PEM public key (or a private key, whose public half is used). Returns null with a
    /// one-line reason when the text is not an ECDSA P-256 key.
    /// </summary>
    public static CheckpointVerificationKey? FromPem(string pem, out string? error)
    {
        ArgumentNullException.ThrowIfNull(pem);
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
            if (!CheckpointKeyId.IsP256(key))
            {
                key.Dispose();
                error = "not an ECDSA P-256 key";
                return null;
            }

            error = null;
            return new CheckpointVerificationKey(key);
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            key.Dispose();
            error = "not a PEM ECDSA P-256 key";
            return null;
        }
    }

    internal bool Verify(ReadOnlySpan<byte> payload, ReadOnlySpan<byte> signature) =>
        signature.Length == 64
        && _key.VerifyData(payload, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

    /// <inheritdoc/>
    public void Dispose() => _key.Dispose();
}
