using PhiGate.Rego.Values;

namespace PhiGate.Rego.Builtins;

/// <summary>
/// JSON Web Tokens: <c>io.jwt.decode</c>, <c>io.jwt.verify_*</c> (RS, PS, ES, HS, EdDSA),
/// <c>io.jwt.decode_verify</c> and <c>io.jwt.encode_sign</c>/<c>encode_sign_raw</c>. Decoding errors are
/// builtin errors worded as OPA's; a signature or claim that does not check out is simply "not valid".
/// </summary>
internal static partial class JwtBuiltins
{
    private static readonly string[] TokenKey = ["string", "string"];

    public static void Register(BuiltinRegistry r)
    {
        r.Add("io.jwt.decode", ["string"], "array[any]", static (_, a) => Decode(a[0]));
        foreach (var alg in (string[])["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"])
        {
            var fixedAlg = alg;
            r.Add("io.jwt.verify_" + alg.ToLowerInvariant(), TokenKey, "boolean", (_, a) => Value.From(VerifyWithKeys(a, fixedAlg)));
        }

        foreach (var alg in (string[])["HS256", "HS384", "HS512"])
        {
            var fixedAlg = alg;
            r.Add("io.jwt.verify_" + alg.ToLowerInvariant(), TokenKey, "boolean", (_, a) => Value.From(VerifySecret(a, fixedAlg)));
        }

        r.Add("io.jwt.decode_verify", ["string", "object[string: any]"], "array[any]", DecodeVerify);
        r.Add("io.jwt.encode_sign", ["object[string: any]", "object[string: any]", "object[string: any]"], "string", EncodeSign);
        r.Add("io.jwt.encode_sign_raw", ["string", "string", "string"], "string", EncodeSignRaw);
    }

    /// <summary>The three base64url parts of a compact JWS.</summary>
    private readonly record struct Token(string Header, string Payload, string Signature)
    {
        public byte[] SigningInput => JwtKey.Utf8(Header + "." + Payload);
    }

    private static Token Split(Value v)
    {
        var text = v is StringValue s ? s.Value : throw BuiltinErrors.Operand(0, "string", v);
        if (!text.Contains('.', StringComparison.Ordinal))
        {
            throw BuiltinErrors.Fail("encoded JWT had no period separators");
        }

        var parts = text.Split('.');
        return parts.Length == 3
            ? new Token(parts[0], parts[1], parts[2])
            : throw BuiltinErrors.Fail($"encoded JWT must have 3 sections, found {parts.Length}");
    }

    private static ObjectValue DecodeHeader(Token token)
    {
        if (!GoEncoding.TryBase64UrlDecode(token.Header, out var bytes, out var error))
        {
            throw BuiltinErrors.Fail("JWT header had invalid encoding: " + error);
        }

        var header = JsonObject(GoEncoding.DecodeUtf8(bytes), "bad JWT header: ");
        if (header.Get("enc") is not null)
        {
            throw BuiltinErrors.Fail("JWT is a JWE object, which is not supported");
        }

        return header;
    }

    private static string DecodePayloadText(Token token) =>
        GoEncoding.TryBase64UrlDecode(token.Payload, out var bytes, out var error)
            ? GoEncoding.DecodeUtf8(bytes)
            : throw BuiltinErrors.Fail("JWT payload had invalid encoding: " + error);

    private static byte[] DecodeSignature(Token token, string prefix) =>
        GoEncoding.TryBase64UrlDecode(token.Signature, out var bytes, out var error)
            ? bytes
            : throw BuiltinErrors.Fail(prefix + error);

    private static ObjectValue JsonObject(string text, string prefix)
    {
        Value v;
        try
        {
            v = EncodingBuiltins.Unmarshal(text);
        }
        catch (BuiltinException ex)
        {
            throw BuiltinErrors.Fail(prefix + "invalid JSON: " + ex.Message);
        }

        return v as ObjectValue ?? throw BuiltinErrors.Fail(prefix + "decoded JSON type was not an Object");
    }

    private static Value Decode(Value jwt)
    {
        var token = Split(jwt);
        var header = DecodeHeader(token);
        var payloadText = DecodePayloadText(token);
        if (header.Get("cty") is StringValue { Value: "JWT" })
        {
            // A nested token: the payload is itself a (possibly quoted) JWT.
            return Decode(Value.From(payloadText.Trim('"', '\'')));
        }

        var payload = JsonObject(payloadText, string.Empty);
        var signature = DecodeSignature(token, "JWT signature had invalid encoding: ");
        return Value.NewArray(header, payload, Value.From(Convert.ToHexStringLower(signature)));
    }

    private static bool VerifySecret(ReadOnlySpan<Value> a, string alg)
    {
        var token = Split(a[0]);
        var secret = Args.String(a, 1);
        var signature = DecodeSignature(token, string.Empty);
        return new JwtKey { Secret = JwtKey.Utf8(secret) }.Verify(alg, token.SigningInput, signature);
    }

    private static bool VerifyWithKeys(ReadOnlySpan<Value> a, string alg)
    {
        var token = Split(a[0]);
        var keys = JwtKey.FromCertOrJwk(Args.String(a, 1));
        var signature = DecodeSignature(token, string.Empty);
        var header = ParseHeader(DecodeHeader(token));
        if (header.Kid.Length > 0 && keys.Find(k => k.Kid == header.Kid) is { } byKid)
        {
            return byKid.Verify(alg, token.SigningInput, signature);
        }

        foreach (var key in keys)
        {
            if (key.Alg.Length > 0 && key.Alg != header.Alg)
            {
                continue;
            }

            if (key.Verify(alg, token.SigningInput, signature))
            {
                return true;
            }
        }

        return false;
    }
}
