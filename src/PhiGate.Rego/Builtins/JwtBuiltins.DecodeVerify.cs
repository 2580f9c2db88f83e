using System.Globalization;
using PhiGate.Rego.Values;

namespace PhiGate.Rego.Builtins;

internal static partial class JwtBuiltins
{
    private readonly record struct Header(string Alg, string Kid, string Cty, bool Valid);

    /// <summary>Reads the JOSE header parameters OPA understands; a critical parameter it does not know makes the token invalid.</summary>
    private static Header ParseHeader(ObjectValue header)
    {
        string alg = string.Empty, kid = string.Empty, cty = string.Empty;
        HashSet<string>? crit = null;
        var unknown = new List<string>();
        for (var i = 0; i < header.Count; i++)
        {
            var name = header.Keys[i] is StringValue k ? k.Value : header.Keys[i].ToString();
            var value = header.Values[i];
            string Str() => value is StringValue s ? s.Value : throw BuiltinErrors.Fail($"{name}: must be a string");
            switch (name)
            {
                case "alg":
                    alg = Str();
                    break;
                case "kid":
                    kid = Str();
                    break;
                case "typ":
                    Str();
                    break;
                case "cty":
                    cty = Str();
                    break;
                case "crit":
                    if (value is not ArrayValue list)
                    {
                        throw BuiltinErrors.Fail("crit: must be a list");
                    }

                    crit = [];
                    foreach (var item in list.Items)
                    {
                        if (item is StringValue c)
                        {
                            crit.Add(c.Value);
                        }
                    }

                    if (crit.Count == 0)
                    {
                        throw BuiltinErrors.Fail("crit: must be a nonempty list");
                    }

                    break;
                default:
                    unknown.Add(name);
                    break;
            }
        }

        var valid = alg.Length > 0 && (crit is null || !unknown.Any(crit.Contains));
        return new Header(alg, kid, cty, valid);
    }

    private sealed class Constraints
    {
        public List<JwtKey>? Keys { get; set; }

        public string Secret { get; set; } = string.Empty;

        public string Alg { get; set; } = string.Empty;

        public string Iss { get; set; } = string.Empty;

        public string Aud { get; set; } = string.Empty;

        public double TimeNs { get; set; } = -1;
    }

    private static Constraints ParseConstraints(ObjectValue o, BuiltinContext ctx)
    {
        var c = new Constraints();
        for (var i = 0; i < o.Count; i++)
        {
            var name = o.Keys[i] is StringValue k ? k.Value : o.Keys[i].ToString();
            var value = o.Values[i];
            string Str() => value is StringValue s ? s.Value : throw BuiltinErrors.Fail($"{name} constraint: must be a string");
            switch (name)
            {
                case "cert":
                    c.Keys = JwtKey.FromCertOrJwk(value is StringValue cert ? cert.Value : throw BuiltinErrors.Fail("cert constraint: must be a string"));
                    break;
                case "secret":
                    c.Secret = Str();
                    break;
                case "alg":
                    c.Alg = Str();
                    break;
                case "iss":
                    c.Iss = Str();
                    break;
                case "aud":
                    c.Aud = Str();
                    break;
                case "time":
                    c.TimeNs = TimeConstraint(value);
                    break;
                default:
                    throw BuiltinErrors.Fail("unknown token validation constraint: " + name);
            }
        }

        if (c.TimeNs < 0)
        {
            c.TimeNs = ctx.NowNanoseconds;
        }

        var keySources = (c.Keys is not null ? 1 : 0) + (c.Secret.Length > 0 ? 1 : 0);
        if (keySources > 1)
        {
            throw BuiltinErrors.Fail("duplicate key constraints");
        }

        if (keySources < 1)
        {
            throw BuiltinErrors.Fail("no key constraint");
        }

        return c;
    }

    private static double TimeConstraint(Value value)
    {
        if (value is not NumberValue n)
        {
            throw BuiltinErrors.Fail("token time constraint: must be a number");
        }

        return n.AsDouble < 0 ? throw BuiltinErrors.Fail("token time constraint: must not be negative") : n.AsDouble;
    }

    private static bool VerifySignature(Constraints c, Header header, Token token, byte[] signature)
    {
        if (!JwtKey.Algorithms.Contains(header.Alg))
        {
            return false;
        }

        if (c.Keys is { } keys)
        {
            if (header.Kid.Length > 0 && keys.Find(k => k.Kid == header.Kid) is { } byKid)
            {
                return byKid.Verify(header.Alg, token.SigningInput, signature);
            }

            return keys.Any(k => (k.Alg.Length == 0 || k.Alg == header.Alg) && k.Verify(header.Alg, token.SigningInput, signature));
        }

        return header.Alg.StartsWith("HS", StringComparison.Ordinal)
            && new JwtKey { Secret = JwtKey.Utf8(c.Secret) }.Verify(header.Alg, token.SigningInput, signature);
    }

    private static Value DecodeVerify(BuiltinContext ctx, ReadOnlySpan<Value> a)
    {
        var constraints = ParseConstraints(Args.Object(a, 1), ctx);
        var unverified = Value.NewArray(Value.False, ObjectValue.Empty, ObjectValue.Empty);
        var current = a[0];
        ObjectValue headerObject;
        string payloadText;
        while (true)
        {
            var token = Split(current);
            headerObject = DecodeHeader(token);
            var header = ParseHeader(headerObject);
            if (!header.Valid || (constraints.Alg.Length > 0 && constraints.Alg != header.Alg))
            {
                return unverified;
            }

            var signature = DecodeSignature(token, string.Empty);
            if (!VerifySignature(constraints, header, token, signature))
            {
                return unverified;
            }

            payloadText = DecodePayloadText(token);
            if (!string.Equals(header.Cty, "JWT", StringComparison.OrdinalIgnoreCase))
            {
                break;
            }

            current = Value.From(payloadText);
        }

        var payload = JsonObject(payloadText, string.Empty);
        return ClaimsValid(constraints, payload) ? Value.NewArray(Value.True, headerObject, payload) : unverified;
    }

    private static bool ClaimsValid(Constraints c, ObjectValue payload)
    {
        if (c.Iss.Length > 0 && (payload.Get("iss") is not StringValue iss || iss.Value != c.Iss))
        {
            return false;
        }

        switch (payload.Get("aud"))
        {
            case StringValue aud when aud.Value != c.Aud:
            case ArrayValue list when !list.Items.ToArray().Any(v => v is StringValue s && s.Value == c.Aud):
            case not null and not StringValue and not ArrayValue:
                return false;
            case null when c.Aud.Length > 0:
                return false;
        }

        var now = Seconds(c.TimeNs / 1_000_000_000);
        if (payload.Get("exp") is { } exp)
        {
            if (exp is not NumberValue e)
            {
                throw BuiltinErrors.Fail("exp value must be a number");
            }

            if (Value.Compare(now, e) >= 0)
            {
                return false;
            }
        }

        if (payload.Get("nbf") is { } nbf)
        {
            if (nbf is not NumberValue n)
            {
                throw BuiltinErrors.Fail("nbf value must be a number");
            }

            if (Value.Compare(now, n) < 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The shortest decimal of the double, as Go's <c>FormatFloat(f, 'g', -1, 64)</c> gives it, compared exactly.</summary>
    private static Value Seconds(double seconds) =>
        NumberValue.TryParse(seconds.ToString("R", CultureInfo.InvariantCulture).Replace("E", "e", StringComparison.Ordinal), out var v) ? v : Value.From(seconds);
}
