using System.Buffers;
using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace PhiGate.Authz.Tokens;

/// <summary>
/// Verifies a compact JWS signature over the token's own <c>header.payload</c> bytes with one
/// <see cref="SignatureProvider"/> per key and algorithm, created once and reused by every request.
/// </summary>
/// <remarks>
/// Going straight to the provider skips JsonWebTokenHandler's per-call validation parameters, list copies and
/// async machinery, which cost several times the RSA verify itself on the fresh-token path. Providers are
/// thread-safe (they pool their RSA/ECDsa adapters). They hang off the key object, so a rotated-out key set
/// takes its providers with it.
/// </remarks>
internal sealed class SignatureVerifiers
{
    private readonly ConditionalWeakTable<SecurityKey, ConcurrentDictionary<string, SignatureProvider>> _providers = new();
    private long _signaturesChecked;

    /// <summary>Signatures checked so far (verified or refused); what the validated-token cache saves shows here.</summary>
    public long SignaturesChecked => Interlocked.Read(ref _signaturesChecked);

    /// <summary><see cref="TokenFailure.None"/> when one of <paramref name="keys"/> verifies the signature with <paramref name="algorithm"/>.</summary>
    public TokenFailure Verify(string compactToken, string algorithm, IReadOnlyList<SecurityKey> keys)
    {
        var signedLength = compactToken.LastIndexOf('.');
        if (signedLength <= 0)
        {
            return TokenFailure.Malformed;
        }

        var signatureText = compactToken.AsSpan(signedLength + 1);
        var signed = ArrayPool<byte>.Shared.Rent(signedLength);
        var signature = ArrayPool<byte>.Shared.Rent(Math.Max(1, Base64Url.GetMaxDecodedLength(signatureText.Length)));
        try
        {
            // The shape check admitted only base64url characters and dots, so ASCII is exact.
            var signedCount = Encoding.ASCII.GetBytes(compactToken.AsSpan(0, signedLength), signed);
            if (!Base64UrlText.TryDecode(signatureText, signature, out var signatureLength) || signatureLength == 0)
            {
                return TokenFailure.BadSignature;
            }

            var anyProvider = false;
            foreach (var key in keys)
            {
                var provider = ProviderFor(key, algorithm);
                if (provider is null)
                {
                    continue;
                }

                anyProvider = true;
                Interlocked.Increment(ref _signaturesChecked);
                Decisions.AuthzMetrics.SignatureChecked();
                if (VerifyOne(provider, signed, signedCount, signature, signatureLength))
                {
                    return TokenFailure.None;
                }
            }

            return anyProvider ? TokenFailure.BadSignature : TokenFailure.UnknownKey;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(signed);
            ArrayPool<byte>.Shared.Return(signature);
        }
    }

    private static bool VerifyOne(SignatureProvider provider, byte[] signed, int signedCount, byte[] signature, int signatureLength)
    {
        try
        {
            return provider.Verify(signed, 0, signedCount, signature, 0, signatureLength);
        }
        catch (CryptographicException)
        {
            // A signature the algorithm cannot even parse (wrong length for the curve, ...) is simply not valid.
            return false;
        }
    }

    /// <summary>The cached provider for a key and algorithm; null when the key cannot verify that algorithm.</summary>
    private SignatureProvider? ProviderFor(SecurityKey key, string algorithm)
    {
        var perKey = _providers.GetValue(key, static _ => new ConcurrentDictionary<string, SignatureProvider>(StringComparer.Ordinal));
        if (perKey.TryGetValue(algorithm, out var provider))
        {
            return provider;
        }

        SignatureProvider created;
        try
        {
            // Not cached by the factory: this table owns the provider for the key's lifetime.
            created = key.CryptoProviderFactory.CreateForVerifying(key, algorithm, cacheProvider: false);
        }
        catch (NotSupportedException)
        {
            return null;
        }
        catch (ArgumentException)
        {
            // Key too small or of the wrong type for the algorithm.
            return null;
        }

        var winner = perKey.GetOrAdd(algorithm, created);
        if (!ReferenceEquals(winner, created))
        {
            created.Dispose();
        }

        return winner;
    }
}
