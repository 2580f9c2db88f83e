using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace PhiGate.Authz.Tokens;

internal sealed partial class TokenValidator
{
    /// <summary>
    /// The signature over the token's own bytes with the keys we resolved for its <c>kid</c>. The issuer was
    /// matched exactly in <see cref="CheckHeader"/>; audience and times are checked by <see cref="CheckOwnRules"/>
    /// against our <see cref="TimeProvider"/>.
    /// </summary>
    private TokenFailure VerifySignature(JsonWebToken jwt, IReadOnlyList<SecurityKey> keys) =>
        keys.Count == 0 ? TokenFailure.UnknownKey : _verifiers.Verify(jwt.EncodedToken, jwt.Alg, keys);
}
