using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using PhiGate.Rego.Values;

namespace PhiGate.Rego.Builtins;

/// <summary><c>providers.aws.sign_req</c>: adds AWS Signature Version 4 headers to an <c>http.send</c> request object.</summary>
internal static class ProviderBuiltins
{
    private static readonly string[] RequiredAwsKeys = ["aws_service", "aws_access_key", "aws_secret_access_key", "aws_region"];
    private static readonly HashSet<string> IgnoredHeaders = new(StringComparer.Ordinal) { "authorization", "user-agent", "x-amzn-trace-id" };

    /// <summary>The keys an <c>http.send</c> request object may carry.</summary>
    internal static readonly HashSet<string> RequestKeys = new(StringComparer.Ordinal)
    {
        "method", "url", "body", "enable_redirect", "force_json_decode", "force_yaml_decode", "headers", "raw_body",
        "tls_use_system_certs", "tls_ca_cert", "tls_ca_cert_file", "tls_ca_cert_env_variable", "tls_client_cert",
        "tls_client_cert_file", "tls_client_cert_env_variable", "tls_client_key", "tls_client_key_file",
        "tls_client_key_env_variable", "tls_insecure_skip_verify", "tls_server_name", "timeout", "cache", "force_cache",
        "force_cache_duration_seconds", "raise_error", "caching_mode", "max_retry_attempts", "cache_ignored_headers",
    };

    public static void Register(BuiltinRegistry r)
    {
        r.Add("providers.aws.sign_req", ["object[any: any]", "object[any: any]", "number"], "object[any: any]", SignRequest);
    }

    private static Value SignRequest(BuiltinContext ctx, ReadOnlySpan<Value> a)
    {
        var request = Args.Object(a, 0);
        var config = a[1] as ObjectValue ?? throw BuiltinErrors.Operand(0, "object", a[1]);
        ValidateConfig(config);
        var time = a[2] as NumberValue ?? throw BuiltinErrors.Operand(0, "number", a[2]);
        if (!time.IsInteger || !time.TryGetInt64(out var ns))
        {
            throw BuiltinErrors.Type("operand 3 could not convert time_ns value into a unix timestamp");
        }

        ValidateRequest(request);
        var headers = request.Get("headers") switch
        {
            null => ObjectValue.Empty,
            ObjectValue h => h,
            var other => throw BuiltinErrors.Operand(-1, "object", other),
        };
        var invalid = new List<Value>();
        var url = request.Get("url") as StringValue;
        var method = request.Get("method") as StringValue;
        if (url is null)
        {
            invalid.Add(Value.From("url"));
        }

        if (method is null)
        {
            invalid.Add(Value.From("method"));
        }

        if (invalid.Count > 0)
        {
            throw BuiltinErrors.Type($"operand 1 invalid values for required request parameters(s): {Value.NewSet([.. invalid])}");
        }

        var body = request.Get("raw_body") is { } raw
            ? Encoding.UTF8.GetBytes(raw is StringValue rs ? rs.Value : string.Empty)
            : request.Get("body") is { } b ? Encoding.UTF8.GetBytes(JsonText.Serialize(b, escapeHtml: true)) : [];
        var disablePayloadSigning = config.Get("disable_payload_signing") switch
        {
            null => false,
            BooleanValue flag => flag.Value,
            _ => throw BuiltinErrors.Type("operand 2 invalid value for 'disable_payload_signing' in AWS config"),
        };

        var signed = Sign(url!.Value, method!.Value, headers, body, config, ns, disablePayloadSigning);
        var result = new ObjectBuilder(request.Count + 1);
        for (var i = 0; i < request.Count; i++)
        {
            if (request.Keys[i] is not StringValue { Value: "headers" })
            {
                result.Add(request.Keys[i], request.Values[i]);
            }
        }

        return result.Add("headers", signed).Build();
    }

    private static void ValidateConfig(ObjectValue config)
    {
        var missing = RequiredAwsKeys.Where(k => config.Get(k) is null).Select(Value.From).ToArray();
        if (missing.Length > 0)
        {
            throw BuiltinErrors.Type($"operand 2 missing required AWS config parameters(s): {Value.NewSet(missing)}");
        }

        var invalid = RequiredAwsKeys.Where(k => config.Get(k) is not StringValue).Select(Value.From).ToArray();
        if (invalid.Length > 0)
        {
            throw BuiltinErrors.Type($"operand 2 invalid values for required AWS config parameters(s): {Value.NewSet(invalid)}");
        }
    }

    /// <summary>Rejects keys <c>http.send</c> does not know and requires <c>method</c> and <c>url</c>.</summary>
    internal static void ValidateRequest(ObjectValue request)
    {
        var unknown = new List<Value>();
        for (var i = 0; i < request.Count; i++)
        {
            if (request.Keys[i] is not StringValue k || !RequestKeys.Contains(k.Value))
            {
                unknown.Add(request.Keys[i]);
            }
        }

        if (unknown.Count > 0)
        {
            throw BuiltinErrors.Type($"operand 1 invalid request parameters(s): {Value.NewSet([.. unknown])}");
        }

        var missing = ((string[])["method", "url"]).Where(k => request.Get(k) is null).Select(Value.From).ToArray();
        if (missing.Length > 0)
        {
            throw BuiltinErrors.Type($"operand 1 missing required request parameters(s): {Value.NewSet(missing)}");
        }
    }

    private static ObjectValue Sign(string url, string method, ObjectValue headers, byte[] body, ObjectValue config, long ns, bool unsignedPayload)
    {
        string Cfg(string key) => config.Get(key) is StringValue s ? s.Value : string.Empty;
        var service = Cfg("aws_service");
        var region = Cfg("aws_region");
        var session = Cfg("aws_session_token");
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            throw BuiltinErrors.Fail($"parse \"{url}\": invalid URL");
        }

        var now = DateTimeOffset.UnixEpoch.AddTicks(ns / 100);
        var date = now.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var stamp = now.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var contentHash = unsignedPayload ? "UNSIGNED-PAYLOAD" : Convert.ToHexStringLower(SHA256.HashData(body));

        var awsHeaders = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["host"] = uri.IsDefaultPort ? uri.Host : uri.Host + ":" + uri.Port.ToString(CultureInfo.InvariantCulture),
            ["x-amz-date"] = stamp,
        };
        if (service is "s3" or "glacier")
        {
            awsHeaders["x-amz-content-sha256"] = contentHash;
        }

        if (session.Length > 0)
        {
            awsHeaders["x-amz-security-token"] = session;
        }

        // Request headers are signed as sent, so a caller's own value wins over the computed one.
        var toSign = new SortedDictionary<string, string>(awsHeaders, StringComparer.Ordinal);
        for (var i = 0; i < headers.Count; i++)
        {
            var name = (headers.Keys[i] is StringValue k ? k.Value : string.Empty).ToLowerInvariant();
            if (!IgnoredHeaders.Contains(name))
            {
                toSign[name] = headers.Values[i] is StringValue v ? v.Value : string.Empty;
            }
        }

        var canonical = new StringBuilder();
        var (path, query) = PathAndQuery(url);
        canonical.Append(method).Append('\n').Append(path).Append('\n').Append(query).Append('\n');
        foreach (var (k, v) in toSign)
        {
            canonical.Append(k).Append(':').Append(v).Append('\n');
        }

        var signedHeaders = string.Join(';', toSign.Keys);
        canonical.Append('\n').Append(signedHeaders).Append('\n').Append(contentHash);

        var scope = $"{date}/{region}/{service}/aws4_request";
        var stringToSign = $"AWS4-HMAC-SHA256\n{stamp}\n{scope}\n{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())))}";
        var key = HMACSHA256.HashData(Encoding.UTF8.GetBytes("AWS4" + Cfg("aws_secret_access_key")), Encoding.UTF8.GetBytes(date));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(region));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(service));
        key = HMACSHA256.HashData(key, "aws4_request"u8.ToArray());
        var signature = Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));

        var result = new ObjectBuilder();
        for (var i = 0; i < headers.Count; i++)
        {
            result.Add(headers.Keys[i], headers.Values[i]);
        }

        result.Add("Authorization", Value.From($"AWS4-HMAC-SHA256 Credential={Cfg("aws_access_key")}/{scope},SignedHeaders={signedHeaders},Signature={signature}"));
        foreach (var (k, v) in awsHeaders)
        {
            result.Add(k, Value.From(v));
        }

        return result.Build();
    }

    /// <summary>The raw path and query of a URL as Go's <c>url.URL</c> keeps them ("https://host" has the empty path).</summary>
    private static (string Path, string Query) PathAndQuery(string url)
    {
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        var rest = schemeEnd < 0 ? url : url[(schemeEnd + 3)..];
        var fragment = rest.IndexOf('#', StringComparison.Ordinal);
        if (fragment >= 0)
        {
            rest = rest[..fragment];
        }

        var q = rest.IndexOf('?', StringComparison.Ordinal);
        var query = q < 0 ? string.Empty : rest[(q + 1)..];
        var beforeQuery = q < 0 ? rest : rest[..q];
        var slash = beforeQuery.IndexOf('/', StringComparison.Ordinal);
        return (slash < 0 ? string.Empty : beforeQuery[slash..], query);
    }
}
