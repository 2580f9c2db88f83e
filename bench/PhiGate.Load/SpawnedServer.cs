using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace PhiGate.Load;

/// <summary>
/// Starts `phigate serve` from this build in a temporary folder: an RBAC policy, a JWKS file for the load
/// generator's key, audit keys, and the baseline method on. Stopped with SIGTERM, as Kubernetes does.
/// </summary>
internal sealed partial class SpawnedServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _directory;

    private SpawnedServer(Process process, string directory, GrpcTarget grpc, Uri metrics)
    {
        _process = process;
        _directory = directory;
        Grpc = grpc;
        Metrics = metrics;
    }

    public GrpcTarget Grpc { get; }

    /// <summary>The admin listener's Prometheus endpoint: handler-latency histogram, signature checks, GC figures.</summary>
    public Uri Metrics { get; }

    /// <summary>The server process, for its CPU time.</summary>
    public Process Process => _process;

    /// <summary>
    /// Starts a server; its gRPC listener is a Unix socket in its folder (as the Helm chart deploys it) or,
    /// with <paramref name="tcp"/>, a loopback port.
    /// </summary>
    public static async Task<SpawnedServer> StartAsync(TokenFactory tokens, bool audit, bool tcp, IReadOnlyList<string> environment)
    {
        var directory = Directory.CreateTempSubdirectory("phigate-load-").FullName;
        var grpcListener = tcp ? "127.0.0.1:0" : "unix:" + Path.Combine(directory, "phigate.sock");
        Directory.CreateDirectory(Path.Combine(directory, "policy"));
        await File.WriteAllTextAsync(Path.Combine(directory, "policy", "rbac.rego"), RbacPolicy.Rego);
        await File.WriteAllTextAsync(Path.Combine(directory, "jwks.json"), tokens.JwksJson());
        var config = $"""
            server:
              grpc: {grpcListener}
              admin: 127.0.0.1:0
              enable_baseline: true
              drain_delay: 0s
            authz:
              policy_dirs: [ {Path.Combine(directory, "policy")} ]
              tokens:
                issuers:
                  - issuer: {TokenFactory.Issuer}
                    audiences: [ {TokenFactory.Audience} ]
                    jwks_file: {Path.Combine(directory, "jwks.json")}
                    algorithms: [ RS256 ]
                replay: bind
            """;
        if (audit)
        {
            await File.WriteAllTextAsync(Path.Combine(directory, "hmac"), "load-1\n" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) + "\n");
            using var signing = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            await File.WriteAllTextAsync(Path.Combine(directory, "signing.pem"), signing.ExportPkcs8PrivateKeyPem());
            config += $"""

                audit:
                  hmac_key_file: {Path.Combine(directory, "hmac")}
                  signing_key_file: {Path.Combine(directory, "signing.pem")}
                  directory: {Path.Combine(directory, "audit")}
                  stdout: false
                """;
        }

        else
        {
            // Without an audit section PhiGate still audits, to stdout with ephemeral keys; off means off.
            config += "\naudit:\n  enabled: false\n";
        }

        var configFile = Path.Combine(directory, "phigate.yaml");
        await File.WriteAllTextAsync(configFile, config);
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "phigate.dll"), "serve", "--config", configFile })
        {
            start.ArgumentList.Add(arg);
        }

        // GC and JIT settings come from phigate's runtimeconfig; --server-env overrides them for A/B runs.
        foreach (var pair in environment)
        {
            var separator = pair.IndexOf('=', StringComparison.Ordinal);
            if (separator > 0)
            {
                start.Environment[pair[..separator]] = pair[(separator + 1)..];
            }
        }

        // Ports are the server's own choice (port 0), read back from its "listening" log events: choosing
        // free ports here and passing them on races with every other socket opened meanwhile.
        var grpcAddress = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var adminAddress = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start phigate");
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null && Listening().Match(e.Data) is { Success: true } match)
            {
                (match.Groups[1].Value == "grpc" ? grpcAddress : adminAddress).TrySetResult(match.Groups[2].Value);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Console.Error.WriteLine("phigate: " + e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var exited = process.WaitForExitAsync();
        var bound = Task.WhenAll(grpcAddress.Task, adminAddress.Task);
        if (await Task.WhenAny(bound, exited, Task.Delay(TimeSpan.FromSeconds(60))) != bound)
        {
            throw new InvalidOperationException(process.HasExited ? $"phigate exited with code {process.ExitCode}" : "phigate did not report its listeners within 60 s");
        }

        var admin = new Uri(await adminAddress.Task);
        await WaitReadyAsync(process, admin);
        return new SpawnedServer(process, directory, GrpcTarget.Parse(await grpcAddress.Task), new Uri(admin, "/metrics"));
    }

    private static async Task WaitReadyAsync(Process process, Uri admin)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"phigate exited with code {process.ExitCode}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(admin, "/readyz"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(200);
        }

        throw new TimeoutException("phigate did not become ready within 60 s");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill();
            }
        }

        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [GeneratedRegex("\"Listener\":\"(grpc|admin)\",\"Address\":\"(http://[^\"]+)\"")]
    private static partial Regex Listening();
}
