using System.Security.Cryptography;
using System.Text;
using PhiGate.Rego.Values;

namespace PhiGate.Rego.Builtins;

/// <summary>Digests (<c>crypto.md5</c>, <c>crypto.sha1</c>, <c>crypto.sha256</c>, ...) and HMACs, as lowercase hex; <c>crypto.hmac.equal</c> compares in constant time.</summary>
internal static partial class CryptoBuiltins
{
    private static readonly string[] Str = ["string"];
    private static readonly string[] StrStr = ["string", "string"];

    // MD5 and SHA-1 are here because Rego policies call them by name (checksums, legacy MACs); they are
    // never used for PhiGate's own security decisions.
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5350:Do not use weak cryptographic algorithms", Justification = "Rego builtins crypto.sha1 / crypto.hmac.sha1 are part of OPA's language.")]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5351:Do not use broken cryptographic algorithms", Justification = "Rego builtins crypto.md5 / crypto.hmac.md5 are part of OPA's language.")]
    public static void Register(BuiltinRegistry r)
    {
        r.Add("crypto.md5", Str, "string", static (_, a) => Hex(MD5.HashData(Bytes(a, 0))));
        r.Add("crypto.sha1", Str, "string", static (_, a) => Hex(SHA1.HashData(Bytes(a, 0))));
        r.Add("crypto.sha256", Str, "string", static (_, a) => Hex(SHA256.HashData(Bytes(a, 0))));
        r.Add("crypto.sha384", Str, "string", static (_, a) => Hex(SHA384.HashData(Bytes(a, 0))));
        r.Add("crypto.sha512", Str, "string", static (_, a) => Hex(SHA512.HashData(Bytes(a, 0))));
        r.Add("crypto.hmac.md5", StrStr, "string", static (_, a) => Hex(HMACMD5.HashData(Bytes(a, 1), Bytes(a, 0))));
        r.Add("crypto.hmac.sha1", StrStr, "string", static (_, a) => Hex(HMACSHA1.HashData(Bytes(a, 1), Bytes(a, 0))));
        r.Add("crypto.hmac.sha256", StrStr, "string", static (_, a) => Hex(HMACSHA256.HashData(Bytes(a, 1), Bytes(a, 0))));
        r.Add("crypto.hmac.sha512", StrStr, "string", static (_, a) => Hex(HMACSHA512.HashData(Bytes(a, 1), Bytes(a, 0))));
        r.Add("crypto.hmac.equal", StrStr, "boolean", static (_, a) =>
            Value.From(CryptographicOperations.FixedTimeEquals(Bytes(a, 0), Bytes(a, 1))));
        RegisterX509(r);
    }

    private static byte[] Bytes(ReadOnlySpan<Value> a, int i) => Encoding.UTF8.GetBytes(Args.String(a, i));

    private static Value Hex(byte[] digest) => Value.From(Convert.ToHexStringLower(digest));
}
