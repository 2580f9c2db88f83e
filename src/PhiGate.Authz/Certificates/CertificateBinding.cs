using System.Security.Cryptography;
using System.Text;
using PhiGate.Authz.Tokens;

namespace PhiGate.Authz.Certificates;

/// <summary>RFC 8705 §3.1: a token with <c>cnf.x5t#S256</c> is usable only over a connection with that client certificate.</summary>
internal static class CertificateBinding
{
    public static TokenFailure Check(VerifiedToken token, ClientCertificate? certificate)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (token.CertificateThumbprint is null)
        {
            return TokenFailure.None;
        }

        if (certificate is null)
        {
            return TokenFailure.CertificateRequired;
        }

        // Constant time, although both values are public: it costs nothing and ends the discussion.
        var expected = Encoding.ASCII.GetBytes(token.CertificateThumbprint);
        var actual = Encoding.ASCII.GetBytes(certificate.Sha256Thumbprint);
        return CryptographicOperations.FixedTimeEquals(expected, actual) ? TokenFailure.None : TokenFailure.CertificateMismatch;
    }
}
