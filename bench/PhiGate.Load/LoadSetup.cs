using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;

namespace PhiGate.Load;

/// <summary>
/// Everything a self-contained run needs, in a temporary folder: an RS256 signing key and its JWKS, a client
/// certificate, an RBAC policy, and the YAML configuration for <c>phigate serve</c>.
/// </summary>
internal sealed class LoadSetup : IDisposable
{
    public const string Issuer = "https://idp.load.phigate.test";
    public const string Audience = "ehr-api";
    public const string SpiffeId = "spiffe://load.phigate.test/ns/ehr/sa/loadgen";

    private const string Policy = """
        package envoy.authz

        import rego.v1

        default allow := false

        # Role-based access: which scope each role needs for each method.
        role_permissions := {
            "patient.read": [{"method": "GET", "prefix": "fhir"}],
            "patient.write": [{"method": "POST", "prefix": "fhir"}, {"method": "PUT", "prefix": "fhir"}],
        }

        allowed_workloads := {"spiffe://load.phigate.test/ns/ehr/sa/loadgen"}

        allow if {
            input.identity.authenticated
            input.identity.certificate.spiffe_id in allowed_workloads
            some scope in input.identity.scopes
            some permission in role_permissions[scope]
            permission.method == input.attributes.request.http.method
            input.parsed_path[0] == permission.prefix
        }
        """;

    private LoadSetup(string folder, RSA key, X509Certificate2 certificate)
    {
        Folder = folder;
        Key = key;
        Certificate = certificate;
    }

    public string Folder { get; }

    public RSA Key { get; }

    public X509Certificate2 Certificate { get; }

    public string CertificatePem => Certificate.ExportCertificatePem() + "\n";

    public static LoadSetup Create()
    {
        var folder = Directory.CreateTempSubdirectory("phigate-load-").FullName;
        var key = RSA.Create(2048);
        using var certificateKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=loadgen", certificateKey, HashAlgorithmName.SHA256);
        var sans = new SubjectAlternativeNameBuilder();
        sans.AddUri(new Uri(SpiffeId));
        request.CertificateExtensions.Add(sans.Build());
        var now = DateTimeOffset.UtcNow;
        var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));

        var parameters = key.ExportParameters(false);
        var jwks = JsonSerializer.Serialize(new
        {
            keys = new[]
            {
                new { kty = "RSA", kid = "load-1", use = "sig", alg = "RS256", n = Base64Url(parameters.Modulus!), e = Base64Url(parameters.Exponent!) },
            },
        });
        File.WriteAllText(Path.Combine(folder, "jwks.json"), jwks);
        Directory.CreateDirectory(Path.Combine(folder, "policy"));
        File.WriteAllText(Path.Combine(folder, "policy", "rbac.rego"), Policy);
        return new LoadSetup(folder, key, certificate);
    }

    /// <summary>Writes a configuration; <paramref name="validatedCacheSize"/> 0 forces a signature check per request.</summary>
    public string WriteConfig(int grpcPort, int adminPort, int validatedCacheSize)
    {
        var yaml = $"""
            server:
              grpc: 127.0.0.1:{grpcPort}
              admin: 127.0.0.1:{adminPort}
              enable_baseline: true
            authz:
              decision: envoy/authz/allow
              policy_dirs: [ "{Path.Combine(Folder, "policy")}" ]
              tokens:
                issuers:
                  - issuer: {Issuer}
                    audiences: [ {Audience} ]
                    jwks_file: "{Path.Combine(Folder, "jwks.json")}"
                    algorithms: [ RS256 ]
                max_lifetime: 1h
                replay: bind
                replay_store: memory
                validated_cache_size: {validatedCacheSize}
            """;
        var path = Path.Combine(Folder, $"phigate-{validatedCacheSize}.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    /// <summary>An RS256 access token for the load client, valid for 30 minutes.</summary>
    public string MintToken(string scope = "patient.read")
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new { alg = "RS256", typ = "at+jwt", kid = "load-1" }));
        var payload = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["iss"] = Issuer,
            ["aud"] = Audience,
            ["sub"] = "svc-loadgen",
            ["client_id"] = "loadgen",
            ["scope"] = scope,
            ["jti"] = Guid.NewGuid().ToString("N"),
            ["iat"] = now,
            ["nbf"] = now,
            ["exp"] = now + 1800,
        }));
        var input = header + "." + payload;
        var signature = Key.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return input + "." + Base64Url(signature);
    }

    public void Dispose()
    {
        Key.Dispose();
        Certificate.Dispose();
        Directory.Delete(Folder, recursive: true);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
