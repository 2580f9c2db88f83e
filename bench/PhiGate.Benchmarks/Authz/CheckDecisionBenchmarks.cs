using System.Security.Cryptography;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Envoy.Config.Core.V3;
using Envoy.Service.Auth.V3;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using PhiGate.Authz.Decisions;
using PhiGate.Authz.PolicyInput;
using PhiGate.Authz.Responses;
using PhiGate.Authz.Tokens;
using PhiGate.Rego.Values;
using PhiGate.Host.Hosting;

namespace PhiGate.Benchmarks.Authz;

/// <summary>
/// One whole Check decision inside a real host, without the socket: token, policy input, RBAC policy, response
/// and (optionally) the audit event. The server-side share of a Check; the load generator adds gRPC and HTTP/2.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class CheckDecisionBenchmarks
{
    private const string Issuer = BenchTokens.Issuer;
    private const int TokenCount = 30_000;
    private static readonly string[] Roles = ["clinician"];

    private const string Policy = """
        package envoy.authz

        import rego.v1

        default allow := false

        grants := {
            "clinician": [{"methods": ["GET"], "path": "/fhir/Patient/*"}, {"methods": ["GET"], "path": "/fhir/Observation/*"}],
            "admin": [{"methods": ["GET", "POST", "PUT", "DELETE"], "path": "/fhir/**"}],
        }

        allow if {
            some role in input.identity.claims.roles
            some grant in grants[role]
            input.attributes.request.http.method in grant.methods
            glob.match(grant.path, ["/"], input.attributes.request.http.path)
        }
        """;

    private string _directory = string.Empty;
    private PhiGateServer _server = null!;
    private CheckHandler _handler = null!;
    private CheckRequest[] _fresh = [];
    private CheckRequest _repeated = null!;
    private int _next;
    private CallerAuthenticator _authenticator = null!;
    private PolicyInputBuilder _inputs = null!;
    private PolicyEvaluator _evaluator = null!;
    private CallerAuthentication _authentication = null!;
    private ObjectValue _input = null!;
    private PolicyDecision _decision = null!;

    [Params(false, true)]
    public bool Audit { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        using var rsa = RSA.Create(2048);
        _directory = Directory.CreateTempSubdirectory("phigate-bench-").FullName;
        Directory.CreateDirectory(Path.Combine(_directory, "policy"));
        File.WriteAllText(Path.Combine(_directory, "policy", "rbac.rego"), Policy);
        BenchTokens.WriteJwks(rsa, Path.Combine(_directory, "jwks.json"));

        var overrides = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["server:drain_delay"] = "0s",
            ["authz:policy_dirs:0"] = Path.Combine(_directory, "policy"),
            ["authz:tokens:issuers:0:issuer"] = Issuer,
            ["authz:tokens:issuers:0:audiences:0"] = BenchTokens.Audience,
            ["authz:tokens:issuers:0:jwks_file"] = Path.Combine(_directory, "jwks.json"),
            ["authz:tokens:issuers:0:algorithms:0"] = "RS256",
        };
        if (Audit)
        {
            File.WriteAllText(Path.Combine(_directory, "hmac"), "bench-1\n" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) + "\n");
            using var signing = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            File.WriteAllText(Path.Combine(_directory, "signing.pem"), signing.ExportPkcs8PrivateKeyPem());
            overrides["audit:hmac_key_file"] = Path.Combine(_directory, "hmac");
            overrides["audit:signing_key_file"] = Path.Combine(_directory, "signing.pem");
            overrides["audit:directory"] = Path.Combine(_directory, "audit");
            overrides["audit:stdout"] = "false";
        }
        else
        {
            overrides["audit:enabled"] = "false";
        }

        _server = PhiGateApplication.Build(new ServeSettings
        {
            Grpc = "127.0.0.1:0",
            Admin = "127.0.0.1:0",
            Environment = new Dictionary<string, string>(),
            Overrides = overrides,
            LogToStdout = false,
        });
        _server.StartAsync().GetAwaiter().GetResult();
        _handler = _server.Services.GetRequiredService<CheckHandler>();

        var tokens = BenchTokens.Mint(rsa, TokenCount, new Dictionary<string, object> { ["roles"] = Roles });
        _fresh = [.. tokens.Select(Request)];
        _repeated = Request(tokens[0], 0);
        if (!Allowed(_repeated))
        {
            throw new InvalidOperationException("the benchmark request must be allowed");
        }

        _authenticator = _server.Services.GetRequiredService<CallerAuthenticator>();
        _inputs = _server.Services.GetRequiredService<PolicyInputBuilder>();
        _evaluator = _server.Services.GetRequiredService<PolicyEvaluator>();
        _authentication = Authenticate();
        _input = _inputs.Build(_repeated, _authentication)!;
        _decision = _evaluator.Evaluate(_input, CancellationToken.None, out _);
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        await _server.StopAsync();
        await _server.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark(Description = "Check, repeated token")]
    public bool RepeatedToken() => Allowed(_repeated);

    [Benchmark(Description = "stage: authenticate, repeated token")]
    public bool StageAuthenticate() => Authenticate().Token is not null;

    [Benchmark(Description = "stage: policy input")]
    public int StageInput() => _inputs.Build(_repeated, _authentication)!.Count;

    [Benchmark(Description = "stage: policy evaluation")]
    public bool StageEvaluate() => _evaluator.Evaluate(_input, CancellationToken.None, out _).Allowed;

    [Benchmark(Description = "stage: allow response")]
    public int StageResponse() => CheckResponses.Allow(_decision, RedactionMetadata.Build(_decision.DynamicMetadata, "strict")).CalculateSize();

    [Benchmark(Description = "Check, distinct token per call")]
    public bool FreshToken() => Allowed(_fresh[_next++ % TokenCount]);

    private CallerAuthentication Authenticate()
    {
        var attributes = _repeated.Attributes;
        var http = attributes.Request.Http;
        var pending = _authenticator.AuthenticateAsync(new CallerRequest(http.Headers, attributes.Source.Principal, attributes.Source.Certificate, attributes.ContextExtensions), CancellationToken.None);
        return pending.IsCompletedSuccessfully ? pending.Result : pending.AsTask().GetAwaiter().GetResult();
    }

    private bool Allowed(CheckRequest request)
    {
        var pending = _handler.HandleAsync(request, "bench", CancellationToken.None);
        var response = pending.IsCompletedSuccessfully ? pending.Result : pending.AsTask().GetAwaiter().GetResult();
        return response.Status is null || response.Status.Code == 0;
    }

    private static CheckRequest Request(string token, int index)
    {
        var http = new AttributeContext.Types.HttpRequest { Id = "b" + index, Method = "GET", Path = "/fhir/Patient/" + (index % 1000), Host = "ehr.example.org", Scheme = "https", Protocol = "HTTP/2" };
        http.Headers[":authority"] = http.Host;
        http.Headers[":method"] = http.Method;
        http.Headers[":path"] = http.Path;
        http.Headers["authorization"] = "Bearer " + token;
        http.Headers["x-request-id"] = "req-" + index;
        return new CheckRequest
        {
            Attributes = new AttributeContext
            {
                Source = new AttributeContext.Types.Peer
                {
                    Address = new Address { SocketAddress = new SocketAddress { Address = "10.0.0.7", PortValue = 40000 } },
                    Principal = "spiffe://cluster.local/ns/clinic/sa/bench",
                },
                Request = new AttributeContext.Types.Request { Http = http },
            },
        };
    }
}
