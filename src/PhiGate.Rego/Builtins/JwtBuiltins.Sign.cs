using System.Text;
using PhiGate.Rego.Values;

namespace PhiGate.Rego.Builtins;

internal static partial class JwtBuiltins
{
    private static Value EncodeSign(BuiltinContext ctx, ReadOnlySpan<Value> a) =>
        Sign(JsonText.Serialize(a[0], escapeHtml: true), JsonText.Serialize(a[1], escapeHtml: true), JsonText.Serialize(a[2], escapeHtml: true));

    private static Value EncodeSignRaw(BuiltinContext ctx, ReadOnlySpan<Value> a)
    {
        var key = Args.String(a, 2);
        return Sign(Args.String(a, 0), Args.String(a, 1), key);
    }

    private static Value Sign(string headers, string payload, string jwk)
    {
        var key = SigningKey(jwk);
        var alg = HeaderString(headers, "alg") ?? throw BuiltinErrors.Fail("missing or invalid 'alg' header: jwsbb: header \"alg\" not found");
        if (!JwtKey.Algorithms.Contains(alg))
        {
            throw BuiltinErrors.Fail("unknown JWS algorithm: " + alg);
        }

        var typ = HeaderString(headers, "typ");
        if ((typ is null || typ == "JWT") && !IsJson(payload))
        {
            throw BuiltinErrors.Fail("type is JWT but payload is not JSON");
        }

        var signingInput = GoEncoding.Base64Encode(Encoding.UTF8.GetBytes(headers), url: true, pad: false) + "."
            + GoEncoding.Base64Encode(Encoding.UTF8.GetBytes(payload), url: true, pad: false);
        var signature = key.Sign(alg, Encoding.UTF8.GetBytes(signingInput));
        return Value.From(signingInput + "." + GoEncoding.Base64Encode(signature, url: true, pad: false));
    }

    private static JwtKey SigningKey(string jwk)
    {
        Value parsed;
        try
        {
            parsed = JsonValueReader.Parse(jwk);
        }
        catch (System.Text.Json.JsonException)
        {
            throw BuiltinErrors.Fail("failed to parse JWK: invalid JSON");
        }

        if (parsed is ObjectValue set && set.Get("keys") is ArrayValue keys)
        {
            return keys.Count == 0
                ? throw BuiltinErrors.Fail("no keys found in JWK set")
                : JwtKey.FromJwk(keys[0] as ObjectValue ?? throw BuiltinErrors.Fail("failed to parse JWK: key is not an object"));
        }

        return JwtKey.FromJwk(parsed as ObjectValue ?? throw BuiltinErrors.Fail("failed to parse JWK: not an object"));
    }

    private static string? HeaderString(string headers, string name)
    {
        try
        {
            return JsonValueReader.Parse(headers) is ObjectValue o && o.Get(name) is StringValue s ? s.Value : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static bool IsJson(string text)
    {
        try
        {
            JsonValueReader.Parse(text);
            return true;
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }
}
