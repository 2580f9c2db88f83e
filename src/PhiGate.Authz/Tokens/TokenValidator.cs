using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;

namespace PhiGate.Authz.Tokens;

/// <summary>
/// Validates a compact JWS access token against the trusted issuers. Every outcome is a <see cref="TokenResult"/>.
/// </summary>
/// <remarks>
/// Steps, cheapest first:
/// 1. size limit, then the validated-token cache (SHA-256 of the token) — a hit skips 2-7;
/// 2. shape: three base64url segments, JSON header and payload (<see cref="TryReadShape"/>);
/// 3. header: no nested token, no <c>crit</c>, algorithm allowed for the (unverified) issuer; <c>jku</c>,
///    <c>x5u</c> and <c>jwk</c> are never read;
/// 4. keys of that issuer by <c>kid</c> (refresh on unknown kid, rate limited);
/// 5. signature over the token's bytes with the key's cached <see cref="SignatureVerifiers">signature provider</see>,
///    unless these very bytes were verified before (admission on second use, see <see cref="ValidatedTokenCache"/>);
/// 6. claim rules on our clock: <c>aud</c>, <c>exp</c>, <c>nbf</c>, <c>iat</c> not in the future, maximum lifetime,
///    required claims (<c>iss</c> was matched exactly in step 3);
/// 7. the verified facts are cached until the token expires.
/// </remarks>
internal sealed partial class TokenValidator
{
    private readonly IReadOnlyDictionary<string, TrustedIssuer> _issuers;
    private readonly TokenValidationSettings _settings;
    private readonly ValidatedTokenCache _cache;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SignatureVerifiers _verifiers = new();

    public TokenValidator(IEnumerable<TrustedIssuer> issuers, TokenValidationSettings settings, ValidatedTokenCache cache, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(issuers);
        _issuers = issuers.ToDictionary(i => i.Issuer, StringComparer.Ordinal);
        _settings = settings;
        _cache = cache;
        _time = time;
        _logger = logger;
    }

    /// <summary>False when no issuer is configured: then no token is validated at all.</summary>
    public bool HasIssuers => _issuers.Count > 0;

    /// <summary>Cryptographic signature checks made so far.</summary>
    internal long SignaturesChecked => _verifiers.SignaturesChecked;

    /// <summary>Looks up a trusted issuer by its exact <c>iss</c> value.</summary>
    public bool TryGetIssuer(string issuer, out TrustedIssuer trusted) => _issuers.TryGetValue(issuer, out trusted!);

    public ValueTask<TokenResult> ValidateAsync(string token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        return ValidateAsync(token.AsMemory(), cancellationToken);
    }

    /// <summary>Validates a token given as a slice of its header; it is copied to a string only when not cached.</summary>
    public ValueTask<TokenResult> ValidateAsync(ReadOnlyMemory<char> token, CancellationToken cancellationToken)
    {
        if (token.Length > _settings.MaxTokenBytes)
        {
            return ValueTask.FromResult(TokenResult.Fail(TokenFailure.TooLarge));
        }

        var hash = HashToken(token.Span);
        var now = _time.GetUtcNow();
        if (_cache.TryGet(hash, now, _settings.ClockSkew, out var cached))
        {
            if (IsKeyStillTrusted(cached))
            {
                return ValueTask.FromResult(TokenResult.Success(cached));
            }

            _cache.Remove(hash);
        }

        return ValidateUncachedAsync(token.ToString(), hash, now, cancellationToken);
    }

    private async ValueTask<TokenResult> ValidateUncachedAsync(string token, string hash, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var shape = TryReadShape(token, out var jwt);
        if (shape != TokenFailure.None || jwt is null)
        {
            return TokenResult.Fail(shape);
        }

        var header = CheckHeader(jwt, out var issuer, out var detail);
        if (header != TokenFailure.None || issuer is null)
        {
            return TokenResult.Fail(header, detail);
        }

        var keys = await issuer.Keys.FindAsync(NullIfEmpty(jwt.Kid), jwt.Alg, cancellationToken).ConfigureAwait(false);
        if (keys.Failure != TokenFailure.None)
        {
            return TokenResult.Fail(keys.Failure, jwt.Alg);
        }

        // The same bytes already passed with a key of this kid that is still published: the claims are checked
        // again below, the signature need not be.
        var verified = _cache.VerifiedBefore(hash) ? TokenFailure.None : VerifySignature(jwt, keys.Keys);
        if (verified != TokenFailure.None)
        {
            return TokenResult.Fail(verified, jwt.Alg);
        }

        var result = CheckOwnRules(jwt, issuer, now, hash);
        if (result.IsValid)
        {
            _cache.Add(result.Token!, now);
        }

        return result;
    }

    /// <summary>A cached token stays valid only while the key that signed it is still published.</summary>
    private bool IsKeyStillTrusted(VerifiedToken token)
    {
        if (!_issuers.TryGetValue(token.Issuer, out var issuer))
        {
            return false;
        }

        var keys = issuer.Keys.Current;
        return keys is not null && (token.KeyId is null || keys.ContainsKid(token.KeyId));
    }

    internal static string HashToken(string token) => HashToken(token.AsSpan());

    internal static string HashToken(ReadOnlySpan<char> token)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        var byteCount = Encoding.UTF8.GetByteCount(token);
        var buffer = byteCount <= 4096 ? stackalloc byte[byteCount] : new byte[byteCount];
        Encoding.UTF8.GetBytes(token, buffer);
        SHA256.HashData(buffer, digest);
        return Convert.ToHexStringLower(digest);
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
