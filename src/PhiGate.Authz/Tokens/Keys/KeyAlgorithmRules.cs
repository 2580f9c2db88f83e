using Microsoft.IdentityModel.Tokens;

namespace PhiGate.Authz.Tokens.Keys;

/// <summary>Which asymmetric algorithms PhiGate accepts, and which key fits which algorithm.</summary>
internal static class KeyAlgorithmRules
{
    public const int MinimumRsaKeyBits = 2048;

    /// <summary>Algorithms an issuer may list. HMAC and <c>none</c> are absent on purpose.</summary>
    public static readonly IReadOnlySet<string> Supported = new HashSet<string>(StringComparer.Ordinal)
    {
        "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512",
    };

    /// <summary>Used when an issuer lists no algorithms.</summary>
    public static readonly IReadOnlyList<string> Default = ["RS256", "PS256", "ES256"];

    public static bool Fits(SecurityKey key, string algorithm)
    {
        if (algorithm.StartsWith("RS", StringComparison.Ordinal) || algorithm.StartsWith("PS", StringComparison.Ordinal))
        {
            return key is RsaSecurityKey && key.KeySize >= MinimumRsaKeyBits;
        }

        return (algorithm, key) switch
        {
            ("ES256", ECDsaSecurityKey ec) => ec.KeySize == 256,
            ("ES384", ECDsaSecurityKey ec) => ec.KeySize == 384,
            ("ES512", ECDsaSecurityKey ec) => ec.KeySize == 521,
            _ => false,
        };
    }
}
