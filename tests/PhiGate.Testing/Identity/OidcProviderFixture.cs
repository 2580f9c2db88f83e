using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PhiGate.Testing.Identity;

/// <summary>
/// A real OpenID provider (npm <c>oidc-provider</c>) on 127.0.0.1 and a free port, run by Node with our script.
/// Issues client-credentials JWT access tokens, serves discovery and JWKS, and rotates keys on request.
/// </summary>
/// <remarks>Start with <see cref="StartAsync"/> in a OneTimeSetUp; without node/npm the test is ignored (fails on CI).</remarks>
public sealed class OidcProviderFixture : IAsyncDisposable
{
    public const string DefaultAudience = "ehr-api";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly HttpClient _http;

    private OidcProviderFixture(Process process, int port, IReadOnlyList<OidcClient> clients)
    {
        _process = process;
        Port = port;
        Clients = clients;
        Issuer = $"http://127.0.0.1:{port}";
        _http = new HttpClient { BaseAddress = new Uri(Issuer + "/"), Timeout = TimeSpan.FromSeconds(10) };
    }

    public int Port { get; }

    /// <summary>The issuer (<c>iss</c>) of every token, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string Issuer { get; }

    public string DiscoveryUrl => Issuer + "/.well-known/openid-configuration";

    public string JwksUrl => Issuer + "/jwks";

    public IReadOnlyList<OidcClient> Clients { get; }

    /// <summary>Installs oidc-provider if needed and starts it. Clients default to <c>ehr-client</c> and <c>billing-client</c>.</summary>
    public static async Task<OidcProviderFixture> StartAsync(string audience = DefaultAudience, int tokenTtlSeconds = 600, IReadOnlyList<OidcClient>? clients = null)
    {
        clients ??= [new OidcClient("ehr-client", "ehr-client-secret"), new OidcClient("billing-client", "billing-client-secret")];
        var node = RequiredTool.Find("node");
        var npm = RequiredTool.Find("npm");
        if (node is null || npm is null)
        {
            RequiredTool.Missing("node and npm are required for the oidc-provider fixture (apt-get install -y nodejs npm)");
        }

        var name = "oidc-provider-" + OidcServerScript.PackageVersion;
        var (folder, error) = await NodePackageInstaller.EnsureAsync(npm!, name, OidcServerScript.PackageJson, Path.Combine("node_modules", "oidc-provider", "package.json"));
        if (folder is null)
        {
            RequiredTool.Missing("could not install oidc-provider: " + error);
        }

        var script = Path.Combine(folder!, "phigate-oidc-server.mjs");
        await File.WriteAllTextAsync(script, OidcServerScript.Source);
        var start = new ProcessStartInfo(node!, [script])
        {
            WorkingDirectory = folder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["OIDC_AUDIENCE"] = audience;
        start.Environment["OIDC_TOKEN_TTL"] = tokenTtlSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["OIDC_CLIENTS"] = JsonSerializer.Serialize(clients.Select(c => new { id = c.Id, secret = c.Secret }));
        var process = Process.Start(start)!;
        var stderr = new System.Text.StringBuilder();
        process.ErrorDataReceived += (_, e) =>
        {
            lock (stderr)
            {
                stderr.AppendLine(e.Data);
            }
        };
        process.BeginErrorReadLine();

        using var timeout = new CancellationTokenSource(StartTimeout);
        try
        {
            while (true)
            {
                var line = await process.StandardOutput.ReadLineAsync(timeout.Token);
                if (line is null)
                {
                    break;
                }

                if (line.StartsWith("READY ", StringComparison.Ordinal))
                {
                    var port = int.Parse(line.AsSpan(6), System.Globalization.CultureInfo.InvariantCulture);
                    return new OidcProviderFixture(process, port, clients);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Reported below.
        }

        process.Kill(entireProcessTree: true);
        string output;
        lock (stderr)
        {
            output = stderr.ToString();
        }

        throw new InvalidOperationException("oidc-provider did not start: " + output);
    }

    /// <summary>Client-credentials token for <paramref name="client"/> (default: the first client).</summary>
    public async Task<string> RequestTokenAsync(OidcClient? client = null, string scope = "patient.read")
    {
        client ??= Clients[0];
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = client.Id,
            ["client_secret"] = client.Secret,
            ["scope"] = scope,
        });
        using var response = await _http.PostAsync("token", form);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<TokenResponse>();
        return body?.AccessToken ?? throw new InvalidOperationException("token response without access_token");
    }

    /// <summary>Publishes a new signing key (used from now on); the previous key stays in the JWKS. Returns the new kid.</summary>
    public Task<string> RotateKeysAsync() => AdminAsync("admin/rotate");

    /// <summary>Removes every key but the newest from the JWKS. Returns the remaining kid.</summary>
    public Task<string> DropOldKeysAsync() => AdminAsync("admin/drop-old-keys");

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        try
        {
            _process.StandardInput.Close();
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private async Task<string> AdminAsync(string path)
    {
        using var response = await _http.PostAsync(path, null);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("kid").GetString()!;
    }

    private sealed record TokenResponse([property: JsonPropertyName("access_token")] string? AccessToken);
}

/// <summary>A client registered with the test identity provider.</summary>
public sealed record OidcClient(string Id, string Secret);
