using PhiGate.Authz.Certificates;
using PhiGate.Authz.Replay;

namespace PhiGate.Authz.Tokens;

/// <summary>
/// Result of authenticating a caller: the verified token (only when every check passed), the client certificate
/// facts (whenever Envoy sent a parsable one), and the failure code otherwise.
/// </summary>
public sealed record CallerAuthentication(
    VerifiedToken? Token,
    ClientCertificate? Certificate,
    CallerIdentity Caller,
    TokenFailure Failure,
    string? Detail)
{
    public bool IsAuthenticated => Failure == TokenFailure.None && Token is not null;
}
