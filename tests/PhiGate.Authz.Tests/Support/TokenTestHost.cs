using Microsoft.Extensions.Logging;
using PhiGate.Authz.Options;
using PhiGate.Authz.Tokens;
using PhiGate.Testing.Identity;

namespace PhiGate.Authz.Tests.Support;

/// <summary>A <see cref="TokenPipeline"/> built from options exactly as the host builds it, plus recorded logs.</summary>
internal sealed class TokenTestHost : IAsyncDisposable
{
    public const string Issuer = "https://idp.phigate.test";
    public const string Audience = "ehr-api";

    private readonly HttpClient _http = new();
    private readonly ILoggerFactory _loggers;

    public TokenTestHost(TokenOptions options, TimeProvider time)
    {
        var errors = TokenOptionsValidator.Validate(options);
        if (errors.Count > 0)
        {
            throw new InvalidOperationException(string.Join("\n", errors));
        }

        Logs = new RecordingLoggerProvider();
        _loggers = LoggerFactory.Create(builder => builder.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace));
        Pipeline = TokenPipeline.Create(options, _http, time, _loggers);
    }

    public TokenPipeline Pipeline { get; }

    public RecordingLoggerProvider Logs { get; }

    /// <summary>Options for one issuer whose keys come from <paramref name="jwksFile"/>.</summary>
    public static TokenOptions FileIssuerOptions(string jwksFile, Action<IssuerOptions>? configureIssuer = null)
    {
        var issuer = new IssuerOptions
        {
            Issuer = Issuer,
            Audiences = [Audience],
            JwksFile = jwksFile,
            Algorithms = ["RS256", "PS256", "ES256"],
        };
        configureIssuer?.Invoke(issuer);
        return new TokenOptions { Issuers = [issuer] };
    }

    public ValueTask<CallerAuthentication> AuthenticateAsync(
        string? token, TestCertificate? certificate = null, string? principal = null, Dictionary<string, string>? contextExtensions = null)
    {
        var headers = new Dictionary<string, string>(StringComparer.Ordinal) { [":path"] = "/fhir/Patient/1", [":method"] = "GET" };
        if (token is not null)
        {
            headers["authorization"] = "Bearer " + token;
        }

        var request = new CallerRequest(headers, principal, certificate?.EnvoyPem, contextExtensions ?? []);
        return Pipeline.Authenticator.AuthenticateAsync(request, CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        await Pipeline.DisposeAsync();
        _loggers.Dispose();
        _http.Dispose();
    }
}
