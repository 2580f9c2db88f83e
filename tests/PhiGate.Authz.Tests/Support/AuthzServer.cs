using Envoy.Service.Auth.V3;
using PhiGate.Testing.Envoy;
using PhiGate.Testing.Hosting;
using PhiGate.Testing.Identity;

namespace PhiGate.Authz.Tests.Support;

/// <summary>A real PhiGate host with a policy folder and (optionally) one trusted issuer from a JWKS file, driven as Envoy drives it.</summary>
internal sealed class AuthzServer : IAsyncDisposable
{
    private AuthzServer(TestServer server, EnvoyDriver driver)
    {
        Server = server;
        Driver = driver;
    }

    public TestServer Server { get; }

    public EnvoyDriver Driver { get; }

    public static async Task<AuthzServer> StartAsync(string policyDir, string? jwksFile = null, IReadOnlyDictionary<string, string?>? extra = null)
    {
        var overrides = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["authz:policy_dirs:0"] = policyDir,
        };
        if (jwksFile is not null)
        {
            overrides["authz:tokens:issuers:0:issuer"] = TokenTestHost.Issuer;
            overrides["authz:tokens:issuers:0:audiences:0"] = TokenTestHost.Audience;
            overrides["authz:tokens:issuers:0:jwks_file"] = jwksFile;
            overrides["authz:tokens:issuers:0:algorithms:0"] = "ES256";
            overrides["authz:tokens:issuers:0:algorithms:1"] = "RS256";
        }

        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            overrides[key] = value;
        }

        var server = await TestServer.StartAsync(overrides);
        return new AuthzServer(server, server.CreateDriver());
    }

    public Task<CheckResponse> CheckAsync(CheckRequestBuilder request) => Driver.CheckAsync(request, TimeSpan.FromSeconds(10));

    public static string Token(TestSigningKey key, Action<Dictionary<string, object?>>? edit = null)
    {
        var claims = TestTokens.Claims(TokenTestHost.Issuer, TokenTestHost.Audience, DateTimeOffset.UtcNow);
        edit?.Invoke(claims);
        return TestTokens.Create(key, claims);
    }

    public async ValueTask DisposeAsync()
    {
        Driver.Dispose();
        await Server.DisposeAsync();
    }
}
