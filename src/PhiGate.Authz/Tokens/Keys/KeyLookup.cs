using Microsoft.IdentityModel.Tokens;

namespace PhiGate.Authz.Tokens.Keys;

/// <summary>Keys found for a token, or <see cref="TokenFailure.UnknownKey"/> / <see cref="TokenFailure.KeysUnavailable"/>.</summary>
internal readonly record struct KeyLookup(IReadOnlyList<SecurityKey> Keys, TokenFailure Failure);
