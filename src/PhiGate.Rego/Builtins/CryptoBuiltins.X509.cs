using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using PhiGate.Rego.Values;

namespace PhiGate.Rego.Builtins;

internal static partial class CryptoBuiltins
{
    private static void RegisterX509(BuiltinRegistry r)
    {
        r.Add("crypto.x509.parse_certificates", Str, "array[object[string: any]]", static (_, a) =>
            Value.NewArray([.. ParseCertificates(Args.String(a, 0)).Select(X509Json.Certificate)]));
        r.Add("crypto.x509.parse_and_verify_certificates", Str, "array[any]", static (ctx, a) => ParseAndVerify(ctx, Args.String(a, 0), VerifyOptions.From(ObjectValue.Empty, ctx)));
        r.Add("crypto.x509.parse_and_verify_certificates_with_options", ["string", "object[string: any]"], "array[any]", static (ctx, a) =>
            ParseAndVerify(ctx, Args.String(a, 0), VerifyOptions.From(Args.Object(a, 1), ctx)));
        r.Add("crypto.x509.parse_certificate_request", Str, "object[string: any]", static (_, a) => ParseCertificateRequest(Args.String(a, 0)));
        r.Add("crypto.x509.parse_rsa_private_key", Str, "object[string: any]", static (_, a) => ParseRsaPrivateKey(Args.String(a, 0)));
        r.Add("crypto.x509.parse_keypair", StrStr, "object[string: any]", static (_, a) => ParseKeyPair(Args.String(a, 0), Args.String(a, 1)));
    }

    private static byte[] StdBase64(string text) =>
        GoEncoding.TryBase64Decode(text, url: false, padded: true, out var bytes, out var error) ? bytes : throw BuiltinErrors.Fail(error);

    /// <summary>PEM text, base64 of PEM, or base64 of (concatenated) DER certificates.</summary>
    private static List<X509Certificate2> ParseCertificates(string input)
    {
        byte[] der;
        if (input.StartsWith("-----BEGIN", StringComparison.Ordinal))
        {
            der = PemCertificates(input);
        }
        else
        {
            var decoded = StdBase64(input);
            der = decoded.AsSpan().StartsWith("-----BEGIN"u8) ? PemCertificates(Encoding.UTF8.GetString(decoded)) : decoded;
        }

        var certs = new List<X509Certificate2>();
        try
        {
            var reader = new AsnReader(der, AsnEncodingRules.DER);
            while (reader.HasData)
            {
                certs.Add(X509CertificateLoader.LoadCertificate(reader.ReadEncodedValue().Span));
            }
        }
        catch (Exception ex) when (ex is AsnContentException or CryptographicException)
        {
            throw BuiltinErrors.Fail("x509: malformed certificate");
        }

        return certs;
    }

    private static byte[] PemCertificates(string text)
    {
        var all = new List<byte>();
        while (text.Length > 0 && PemBlock.TryDecode(text, out var block))
        {
            if (block.Type != "CERTIFICATE")
            {
                throw BuiltinErrors.Fail($"PEM block type is '{block.Type}', expected CERTIFICATE");
            }

            all.AddRange(block.Bytes);
            text = block.Rest;
        }

        return [.. all];
    }

    /// <summary>The first certificate is the root, the last the leaf, the rest intermediates; returns the chain leaf first.</summary>
    private static Value ParseAndVerify(BuiltinContext ctx, string input, VerifyOptions options)
    {
        var invalid = Value.NewArray(Value.False, Value.NewArray());
        List<X509Certificate2> certs;
        try
        {
            certs = ParseCertificates(input);
        }
        catch (BuiltinException)
        {
            return invalid;
        }

        if (certs.Count < 2)
        {
            return invalid;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(certs[0]);
        chain.ChainPolicy.ExtraStore.AddRange(certs.Skip(1).SkipLast(1).ToArray());
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = DateTimeOffset.FromUnixTimeMilliseconds(options.TimeNs / 1_000_000).UtcDateTime;
        chain.ChainPolicy.VerificationTimeIgnored = false;
        foreach (var usage in options.KeyUsages)
        {
            chain.ChainPolicy.ApplicationPolicy.Add(new Oid(usage));
        }

        if (!chain.Build(certs[^1]) || (options.DnsName.Length > 0 && !certs[^1].MatchesHostname(options.DnsName)))
        {
            return invalid;
        }

        var verified = chain.ChainElements.Select(e => X509Json.Certificate(e.Certificate)).ToArray();
        return Value.NewArray(Value.True, Value.NewArray(verified));
    }

    private static Value ParseCertificateRequest(string input)
    {
        var bytes = input.StartsWith("-----BEGIN CERTIFICATE REQUEST-----", StringComparison.Ordinal) ? Encoding.UTF8.GetBytes(input) : StdBase64(input);
        if (PemBlock.TryDecode(Encoding.UTF8.GetString(bytes), out var block))
        {
            bytes = block.Type == "CERTIFICATE REQUEST" ? block.Bytes : throw BuiltinErrors.Fail("invalid PEM-encoded certificate signing request");
        }

        try
        {
            var request = CertificateRequest.LoadSigningRequest(bytes, HashAlgorithmName.SHA256, CertificateRequestLoadOptions.UnsafeLoadCertificateExtensions);
            return X509Json.Request(request, bytes);
        }
        catch (Exception ex) when (ex is CryptographicException or AsnContentException)
        {
            throw BuiltinErrors.Fail("asn1: structure error: malformed certificate request");
        }
    }

    private static Value ParseRsaPrivateKey(string input)
    {
        if (input.Length == 0)
        {
            throw BuiltinErrors.Fail("input PEM data was empty");
        }

        var text = input.StartsWith("-----BEGIN", StringComparison.Ordinal) ? input : Encoding.UTF8.GetString(StdBase64(input));
        while (text.Length > 0 && PemBlock.TryDecode(text, out var block))
        {
            using var rsa = RSA.Create();
            try
            {
                switch (block.Type)
                {
                    case "RSA PRIVATE KEY":
                        rsa.ImportRSAPrivateKey(block.Bytes, out _);
                        return RsaJwk(rsa);
                    case "PRIVATE KEY":
                        rsa.ImportPkcs8PrivateKey(block.Bytes, out _);
                        return RsaJwk(rsa);
                }
            }
            catch (CryptographicException)
            {
                throw BuiltinErrors.Fail("x509: failed to parse private key");
            }

            text = block.Rest;
        }

        return Value.Null;
    }

    private static Value RsaJwk(RSA rsa)
    {
        var p = rsa.ExportParameters(includePrivateParameters: true);
        static Value B(byte[]? v) => Value.From(GoEncoding.Base64Encode(TrimLeadingZeros(v ?? []), url: true, pad: false));
        return Value.NewObject(
            ("kty", Value.From("RSA")), ("n", B(p.Modulus)), ("e", B(p.Exponent)), ("d", B(p.D)), ("p", B(p.P)),
            ("q", B(p.Q)), ("dp", B(p.DP)), ("dq", B(p.DQ)), ("qi", B(p.InverseQ)));
    }

    private static byte[] TrimLeadingZeros(byte[] v)
    {
        var i = 0;
        while (i < v.Length - 1 && v[i] == 0)
        {
            i++;
        }

        return v[i..];
    }

    private static Value ParseKeyPair(string cert, string key)
    {
        var certText = cert.StartsWith("-----BEGIN ", StringComparison.Ordinal) ? cert : Encoding.UTF8.GetString(StdBase64(cert));
        var keyText = key.StartsWith("-----BEGIN ", StringComparison.Ordinal) ? key : Encoding.UTF8.GetString(StdBase64(key));
        var certs = new List<Value>();
        byte[]? leaf = null;
        var rest = certText;
        while (rest.Length > 0 && PemBlock.TryDecode(rest, out var block))
        {
            if (block.Type == "CERTIFICATE")
            {
                leaf ??= block.Bytes;
                certs.Add(Value.From(Convert.ToBase64String(block.Bytes)));
            }

            rest = block.Rest;
        }

        if (leaf is null)
        {
            throw BuiltinErrors.Fail("tls: failed to find any PEM data in certificate input");
        }

        try
        {
            using var x509 = X509CertificateLoader.LoadCertificate(leaf);
            using var withKey = x509.GetKeyAlgorithm() == "1.2.840.113549.1.1.1"
                ? x509.CopyWithPrivateKey(ImportRsa(keyText))
                : x509.CopyWithPrivateKey(ImportEc(keyText));
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException or InvalidOperationException)
        {
            throw BuiltinErrors.Fail("tls: private key does not match public key");
        }

        return Value.NewObject(("Certificate", Value.NewArray([.. certs])), ("Leaf", Value.Null));
    }

    private static RSA ImportRsa(string pem)
    {
        var rsa = RSA.Create();
        rsa.ImportFromPem(pem);
        return rsa;
    }

    private static ECDsa ImportEc(string pem)
    {
        var ec = ECDsa.Create();
        ec.ImportFromPem(pem);
        return ec;
    }

    /// <summary>The options OPA accepts for chain verification (DNS name, verification time, extended key usages).</summary>
    private sealed record VerifyOptions(string DnsName, long TimeNs, List<string> KeyUsages)
    {
        private static readonly Dictionary<string, string> Usages = new(StringComparer.Ordinal)
        {
            ["KeyUsageAny"] = "2.5.29.37.0",
            ["KeyUsageServerAuth"] = "1.3.6.1.5.5.7.3.1",
            ["KeyUsageClientAuth"] = "1.3.6.1.5.5.7.3.2",
            ["KeyUsageCodeSigning"] = "1.3.6.1.5.5.7.3.3",
            ["KeyUsageEmailProtection"] = "1.3.6.1.5.5.7.3.4",
            ["KeyUsageIPSECEndSystem"] = "1.3.6.1.5.5.7.3.5",
            ["KeyUsageIPSECTunnel"] = "1.3.6.1.5.5.7.3.6",
            ["KeyUsageIPSECUser"] = "1.3.6.1.5.5.7.3.7",
            ["KeyUsageTimeStamping"] = "1.3.6.1.5.5.7.3.8",
            ["KeyUsageOCSPSigning"] = "1.3.6.1.5.5.7.3.9",
            ["KeyUsageMicrosoftServerGatedCrypto"] = "1.3.6.1.4.1.311.10.3.3",
            ["KeyUsageNetscapeServerGatedCrypto"] = "2.16.840.1.113730.4.1",
            ["KeyUsageMicrosoftCommercialCodeSigning"] = "1.3.6.1.4.1.311.2.1.22",
            ["KeyUsageMicrosoftKernelCodeSigning"] = "1.3.6.1.4.1.311.61.1.1",
        };

        public static VerifyOptions From(ObjectValue o, BuiltinContext ctx)
        {
            var dns = string.Empty;
            var time = ctx.NowNanoseconds;
            var usages = new List<string>();
            for (var i = 0; i < o.Count; i++)
            {
                var value = o.Values[i];
                switch (o.Keys[i] is StringValue k ? k.Value : string.Empty)
                {
                    case "DNSName":
                        dns = value is StringValue d ? d.Value.Trim('"') : throw BuiltinErrors.Fail("'DNSName' should be a string");
                        break;
                    case "CurrentTime":
                        time = value is NumberValue n && n.IsInteger && n.TryGetInt64(out var t)
                            ? t
                            : throw BuiltinErrors.Fail(value is NumberValue ? "'CurrentTime' should be a valid int64 number" : "'CurrentTime' should be a number");
                        break;
                    case "MaxConstraintComparisons":
                        if (value is not NumberValue)
                        {
                            throw BuiltinErrors.Fail("'MaxConstraintComparisons' should be a number");
                        }

                        break;
                    case "KeyUsages":
                        var items = value switch
                        {
                            ArrayValue arr => arr.Items.ToArray(),
                            SetValue set => set.Items.ToArray(),
                            _ => throw BuiltinErrors.Fail("'KeyUsages' should be an Array or Set"),
                        };
                        var invalid = new List<string>();
                        foreach (var item in items.OfType<StringValue>())
                        {
                            if (Usages.TryGetValue(item.Value.Trim('"'), out var oid))
                            {
                                usages.Add(oid);
                            }
                            else
                            {
                                invalid.Add(item.Value);
                            }
                        }

                        if (invalid.Count > 0)
                        {
                            throw BuiltinErrors.Fail($"invalid entries for 'KeyUsages' found: [{string.Join(' ', invalid)}]");
                        }

                        break;
                    default:
                        throw BuiltinErrors.Fail("invalid key option");
                }
            }

            return new VerifyOptions(dns, time, usages);
        }
    }
}
