using System.Security.Cryptography;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using PhiGate.Authz.Options;
using PhiGate.Authz.Tokens;

namespace PhiGate.Benchmarks.Authz;

/// <summary>
/// Token validation on the Check path: a distinct RS256 token per call (cache miss, signature verified, jti
/// recorded) and a repeated token (validated-token cache hit). The distinct tokens cycle through more tokens
/// than the validated-token cache holds, as the load generator's fresh-token run does.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class TokenValidationBenchmarks
{
    private const string Issuer = BenchTokens.Issuer;
    private const string Audience = BenchTokens.Audience;
    private const int TokenCount = 30_000;

    private static readonly HttpClient SharedHttp = new();
    private string _directory = string.Empty;
    private TokenPipeline _pipeline = null!;
    private string[] _tokens = [];
    private int _next;
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };
    private readonly SignatureVerifiers _verifiers = new();
    private SecurityKey[] _keys = [];

    [GlobalSetup]
    public void Setup()
    {
        using var rsa = RSA.Create(2048);
        _directory = Directory.CreateTempSubdirectory("phigate-bench-").FullName;
        var jwks = Path.Combine(_directory, "jwks.json");
        BenchTokens.WriteJwks(rsa, jwks);

        var options = new TokenOptions
        {
            Issuers = [new IssuerOptions { Issuer = Issuer, Audiences = [Audience], JwksFile = jwks, Algorithms = ["RS256"] }],
        };
        // A file key source never uses the HTTP client.
        _pipeline = TokenPipeline.Create(options, SharedHttp, TimeProvider.System, NullLoggerFactory.Instance);
        _tokens = BenchTokens.Mint(rsa, TokenCount, new Dictionary<string, object> { ["client_id"] = "bench-client", ["scope"] = "patient.read observation.read" });
        _keys = [new RsaSecurityKey(rsa.ExportParameters(false)) { KeyId = BenchTokens.KeyId }];
        if (!Validate(_tokens[0]))
        {
            throw new InvalidOperationException("the benchmark token must validate");
        }
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        await _pipeline.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark(Description = "authenticate, distinct token per call")]
    public bool FreshToken() => Validate(_tokens[_next++ % TokenCount]);

    [Benchmark(Description = "signature+aud: JsonWebTokenHandler.ValidateTokenAsync (previous path)")]
    public bool HandlerPath()
    {
        var jwt = new JsonWebToken(_tokens[_next++ % TokenCount]);
        var result = _handler.ValidateTokenAsync(jwt, new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidAudiences = [Audience],
            ValidAlgorithms = ["RS256"],
            IssuerSigningKeys = _keys,
            RequireSignedTokens = true,
            RequireExpirationTime = false,
            ValidateLifetime = false,
            ValidateIssuerSigningKey = false,
        }).GetAwaiter().GetResult();
        return result.IsValid;
    }

    [Benchmark(Description = "signature: cached SignatureProvider over the token bytes (current path)")]
    public bool ProviderPath()
    {
        var jwt = new JsonWebToken(_tokens[_next++ % TokenCount]);
        return _verifiers.Verify(jwt.EncodedToken, jwt.Alg, _keys) == TokenFailure.None;
    }

    [Benchmark(Description = "authenticate, repeated token")]
    public bool RepeatedToken() => Validate(_tokens[0]);

    private bool Validate(string token)
    {
        var headers = new Dictionary<string, string>(StringComparer.Ordinal) { ["authorization"] = "Bearer " + token };
        var request = new CallerRequest(headers, "spiffe://cluster.local/ns/clinic/sa/bench", null, new Dictionary<string, string>());
        var result = _pipeline.Authenticator.AuthenticateAsync(request, CancellationToken.None);
        var authentication = result.IsCompletedSuccessfully ? result.Result : result.AsTask().GetAwaiter().GetResult();
        return authentication.Token is not null;
    }
}
