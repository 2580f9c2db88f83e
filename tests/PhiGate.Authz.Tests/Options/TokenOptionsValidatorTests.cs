using PhiGate.Authz.Options;

namespace PhiGate.Authz.Tests.Options;

[TestFixture]
public sealed class TokenOptionsValidatorTests
{
    private static TokenOptions Valid() => new()
    {
        Issuers = [new IssuerOptions { Issuer = "https://idp.example.org", Audiences = ["ehr-api"], JwksUri = "https://idp.example.org/jwks" }],
    };

    [Test]
    public void Validate_Defaults_NoErrors()
    {
        // Act
        var errors = TokenOptionsValidator.Validate(new TokenOptions());

        // Assert
        Assert.That(errors, Is.Empty);
    }

    [Test]
    public void Validate_ValidIssuer_NoErrors()
    {
        // Act
        var errors = TokenOptionsValidator.Validate(Valid());

        // Assert
        Assert.That(errors, Is.Empty);
    }

    [TestCase("second_use", null)]
    [TestCase("always", "authz.tokens.validated_cache_admission: must be first_use or second_use")]
    public void Validate_ValidatedCacheAdmission_OnlyKnownWords(string admission, string? expected)
    {
        // Arrange
        var options = Valid();
        options.ValidatedCacheAdmission = admission;

        // Act
        var errors = TokenOptionsValidator.Validate(options);

        // Assert
        Assert.That(errors, expected is null ? Is.Empty : Does.Contain(expected));
    }

    [TestCase("http://idp.example.org/jwks", "authz.tokens.issuers[0].jwks_uri: must be an https URL (http only for loopback hosts)")]
    [TestCase("http://127.0.0.1:8080/jwks", null)]
    [TestCase("http://[::1]:8080/jwks", null)]
    [TestCase("http://localhost:8080/jwks", null)]
    [TestCase("https://user:pw@idp.example.org/jwks", "authz.tokens.issuers[0].jwks_uri: must be an https URL (http only for loopback hosts)")]
    public void Validate_JwksUri_HttpsUnlessLoopback(string url, string? expected)
    {
        // Arrange
        var options = Valid();
        options.Issuers[0].JwksUri = url;

        // Act
        var errors = TokenOptionsValidator.Validate(options);

        // Assert
        Assert.That(errors, expected is null ? Is.Empty : Is.EqualTo(new[] { expected }));
    }

    [TestCase("HS256", "symmetric and unsigned tokens are never accepted")]
    [TestCase("none", "symmetric and unsigned tokens are never accepted")]
    [TestCase("EdDSA", "supported:")]
    public void Validate_ForbiddenAlgorithm_OneClearLine(string algorithm, string reason)
    {
        // Arrange
        var options = Valid();
        options.Issuers[0].Algorithms = ["RS256", algorithm];

        // Act
        var errors = TokenOptionsValidator.Validate(options);

        // Assert
        Assert.That(errors, Has.Count.EqualTo(1));
        Assert.That(errors[0], Does.StartWith($"authz.tokens.issuers[0].algorithms: {algorithm} is not allowed"));
        Assert.That(errors[0], Does.Contain(reason));
    }

    [Test]
    public void Validate_EverythingWrong_OneLinePerProblem()
    {
        // Arrange
        var options = new TokenOptions
        {
            MaxLifetime = "forever",
            ClockSkew = "1h",
            Replay = "sometimes",
            ReplayStore = "memcached://x",
            ReplayStoreUnavailable = "maybe",
            Issuers =
            [
                new IssuerOptions { Issuer = "", Audiences = [] },
                new IssuerOptions { Issuer = "https://a", Audiences = ["x"], JwksUri = "https://a/jwks", Discovery = "https://a/.well-known/openid-configuration" },
                new IssuerOptions { Issuer = "https://b", Audiences = ["x"], JwksFile = "/nonexistent/jwks.json", Replay = "twice" },
            ],
        };

        // Act
        var errors = TokenOptionsValidator.Validate(options);

        // Assert
        Assert.That(errors, Is.EquivalentTo(new[]
        {
            "authz.tokens.max_lifetime: not a duration (use e.g. 500ms, 30s, 5m, 1h)",
            "authz.tokens.clock_skew: must be between 0ms and 300s",
            "authz.tokens.replay: must be bind, once or off",
            "authz.tokens.replay_store: must be memory or redis://host:port",
            "authz.tokens.replay_store_unavailable: must be deny or allow",
            "authz.tokens.issuers[0].issuer: required",
            "authz.tokens.issuers[0].audiences: at least one non-empty audience is required",
            "authz.tokens.issuers[0]: exactly one of jwks_uri, discovery, jwks_file is required",
            "authz.tokens.issuers[1]: exactly one of jwks_uri, discovery, jwks_file is required",
            "authz.tokens.issuers[2].jwks_file: file not found",
            "authz.tokens.issuers[2].replay: must be bind, once or off",
        }));
    }

    [TestCase("500ms", 500)]
    [TestCase("30s", 30_000)]
    [TestCase("5m", 300_000)]
    [TestCase("1h", 3_600_000)]
    [TestCase("1.5s", 1_500)]
    [TestCase("00:00:30", 30_000)]
    [TestCase("01:00:00", 3_600_000)]
    public void DurationText_ValidText_Parses(string text, int milliseconds)
    {
        // Act
        var ok = DurationText.TryParse(text, out var value);

        // Assert
        Assert.That(ok, Is.True);
        Assert.That(value, Is.EqualTo(TimeSpan.FromMilliseconds(milliseconds)));
    }

    [TestCase("")]
    [TestCase("30")]
    [TestCase("s")]
    [TestCase("-5s")]
    [TestCase("5 years")]
    [TestCase("99999999999999999999d")]
    public void DurationText_InvalidText_Refused(string text)
    {
        // Act
        var ok = DurationText.TryParse(text, out _);

        // Assert
        Assert.That(ok, Is.False);
    }
}
