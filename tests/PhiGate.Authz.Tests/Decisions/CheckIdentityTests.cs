using Envoy.Service.Auth.V3;
using PhiGate.Authz.Tests.Support;
using PhiGate.Testing.Envoy;
using PhiGate.Testing.Identity;
using GrpcCode = Grpc.Core.StatusCode;

namespace PhiGate.Authz.Tests.Decisions;

/// <summary>Verified identity through the real host: RBAC on scopes and SPIFFE ID, 401 challenges, replay, binding.</summary>
[TestFixture]
public sealed class CheckIdentityTests
{
    private TestSigningKey _key = null!;
    private TestCertificate _clientA = null!;
    private TestCertificate _clientB = null!;
    private string _folder = null!;
    private string _jwks = null!;

    [OneTimeSetUp]
    public void SetUp()
    {
        _key = TestSigningKey.EcP256("ec-check");
        _clientA = TestCertificate.Create("client-a", "spiffe://phigate.test/ns/ehr/sa/client-a");
        _clientB = TestCertificate.Create("client-b", "spiffe://phigate.test/ns/ehr/sa/client-b");
        _folder = Directory.CreateTempSubdirectory("phigate-check-").FullName;
        _jwks = Path.Combine(_folder, "jwks.json");
        TestSigningKey.WriteJwks(_jwks, _key);
    }

    [OneTimeTearDown]
    public void TearDown()
    {
        _key.Dispose();
        _clientA.Dispose();
        _clientB.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private static CheckRequestBuilder Get(string path, string? token, TestCertificate? certificate)
    {
        var builder = new CheckRequestBuilder().Method("GET").Path(path);
        if (token is not null)
        {
            builder.Bearer(token);
        }

        if (certificate is not null)
        {
            builder.ClientCertificate(certificate.Pem, certificate.Certificate.Subject);
        }

        return builder;
    }

    private static string? WwwAuthenticate(CheckResponse response) =>
        response.DeniedResponse?.Headers.FirstOrDefault(h => h.Header.Key == "www-authenticate")?.Header.Value;

    [Test]
    public async Task Check_ValidTokenRightScopeAndSpiffeId_Allowed()
    {
        // Arrange
        using var policy = new PolicyFolder(("authz.rego", Policies.IdentityRbac));
        await using var server = await AuthzServer.StartAsync(policy.Path, _jwks);

        // Act
        var response = await server.CheckAsync(Get("/fhir/Patient/1", AuthzServer.Token(_key), _clientA));

        // Assert
        Assert.That(response.Status.Code, Is.EqualTo(0));
        server.Server.AssertNoUnexpectedErrors();
    }

    [Test]
    public async Task Check_ValidTokenOtherWorkload_Denied403()
    {
        // Arrange
        using var policy = new PolicyFolder(("authz.rego", Policies.IdentityRbac));
        await using var server = await AuthzServer.StartAsync(policy.Path, _jwks);

        // Act
        var response = await server.CheckAsync(Get("/fhir/Patient/1", AuthzServer.Token(_key), _clientB));

        // Assert
        Assert.That(response.Status.Code, Is.EqualTo((int)GrpcCode.PermissionDenied));
        Assert.That((int)response.DeniedResponse.Status.Code, Is.EqualTo(403));
        Assert.That(WwwAuthenticate(response), Is.Null);
    }

    [Test]
    public async Task Check_SameTokenFromAnotherCertificateReplayOff_PolicySeesTheNewCertificate()
    {
        // Arrange: replay off, so the second client's request reaches the policy with a token the first one used.
        using var policy = new PolicyFolder(("authz.rego", Policies.IdentityRbac));
        await using var server = await AuthzServer.StartAsync(policy.Path, _jwks, new Dictionary<string, string?> { ["authz:tokens:replay"] = "off" });
        var token = AuthzServer.Token(_key);
        var first = await server.CheckAsync(Get("/fhir/Patient/1", token, _clientA));

        // Act
        var second = await server.CheckAsync(Get("/fhir/Patient/1", token, _clientB));
        var third = await server.CheckAsync(Get("/fhir/Patient/1", token, _clientA));

        // Assert
        Assert.That(first.Status.Code, Is.EqualTo(0));
        Assert.That((int)second.DeniedResponse.Status.Code, Is.EqualTo(403));
        Assert.That(third.Status.Code, Is.EqualTo(0));
    }

    [Test]
    public async Task Check_ValidTokenMissingScope_Denied403()
    {
        // Arrange
        using var policy = new PolicyFolder(("authz.rego", Policies.IdentityRbac));
        await using var server = await AuthzServer.StartAsync(policy.Path, _jwks);
        var token = AuthzServer.Token(_key, claims => claims["scope"] = "patient.write");

        // Act
        var response = await server.CheckAsync(Get("/fhir/Patient/1", token, _clientA));

        // Assert
        Assert.That((int)response.DeniedResponse.Status.Code, Is.EqualTo(403));
    }

    [Test]
    public async Task Check_NoTokenProtectedRoute_401WithBearerChallenge()
    {
        // Arrange
        using var policy = new PolicyFolder(("authz.rego", Policies.IdentityRbac));
        await using var server = await AuthzServer.StartAsync(policy.Path, _jwks);

        // Act
        var response = await server.CheckAsync(Get("/fhir/Patient/1", null, _clientA));

        // Assert
        Assert.That(response.Status.Code, Is.EqualTo((int)GrpcCode.Unauthenticated));
        Assert.That((int)response.DeniedResponse.Status.Code, Is.EqualTo(401));
        Assert.That(WwwAuthenticate(response), Is.EqualTo("Bearer realm=\"phigate\""));
    }

    [Test]
    public async Task Check_NoTokenPublicRoute_AllowedByPolicy()
    {
        // Arrange
        using var policy = new PolicyFolder(("authz.rego", Policies.IdentityRbac));
        await using var server = await AuthzServer.StartAsync(policy.Path, _jwks);

        // Act
        var response = await server.CheckAsync(Get("/healthz", null, null));

        // Assert
        Assert.That(response.Status.Code, Is.EqualTo(0));
    }

    [Test]
    public async Task Check_InvalidTokenEvenWithAllowAllPolicy_401InvalidToken()
    {
        // Arrange: the policy would allow anything, so only the token check can deny.
        using var policy = new PolicyFolder(("authz.rego", Policies.AllowAll));
        await using var server = await AuthzServer.StartAsync(policy.Path, _jwks);
        var expired = AuthzServer.Token(_key, claims =>
        {
            claims["iat"] = DateTimeOffset.UtcNow.AddMinutes(-30).ToUnixTimeSeconds();
            claims["nbf"] = DateTimeOffset.UtcNow.AddMinutes(-30).ToUnixTimeSeconds();
            claims["exp"] = DateTimeOffset.UtcNow.AddMinutes(-20).ToUnixTimeSeconds();
        });

        // Act
        var response = await server.CheckAsync(Get("/anything", expired, _clientA));

        // Assert
        Assert.That(response.Status.Code, Is.EqualTo((int)GrpcCode.Unauthenticated));
        Assert.That((int)response.DeniedResponse.Status.Code, Is.EqualTo(401));
        Assert.That(WwwAuthenticate(response), Is.EqualTo("Bearer realm=\"phigate\", error=\"invalid_token\""));
        Assert.That(response.DeniedResponse.Body, Does.Not.Contain("expired"));
    }

    [Test]
    public async Task Check_TwoBearerTokens_400InvalidRequest()
    {
        // Arrange
        using var policy = new PolicyFolder(("authz.rego", Policies.AllowAll));
        await using var server = await AuthzServer.StartAsync(policy.Path, _jwks);
        var request = Get("/x", AuthzServer.Token(_key), _clientA).Bearer(AuthzServer.Token(_key));

        // Act
        var response = await server.CheckAsync(request);

        // Assert
        Assert.That((int)response.DeniedResponse.Status.Code, Is.EqualTo(400));
        Assert.That(WwwAuthenticate(response), Does.Contain("error=\"invalid_request\""));
    }

    [Test]
    public async Task Check_TokenReplayedFromOtherCertificate_401()
    {
        // Arrange
        using var policy = new PolicyFolder(("authz.rego", Policies.AllowAll));
        await using var server = await AuthzServer.StartAsync(policy.Path, _jwks);
        var token = AuthzServer.Token(_key);
        var first = await server.CheckAsync(Get("/x", token, _clientA));

        // Act
        var replayed = await server.CheckAsync(Get("/x", token, _clientB));

        // Assert
        Assert.That(first.Status.Code, Is.EqualTo(0));
        Assert.That((int)replayed.DeniedResponse.Status.Code, Is.EqualTo(401));
        Assert.That(server.Server.Logs.Events.Any(e => e.EventId.Name == "ReplayDetected"), Is.True);
    }

    [Test]
    public async Task Check_OnceRouteSecondUse_401()
    {
        // Arrange
        using var policy = new PolicyFolder(("authz.rego", Policies.AllowAll));
        await using var server = await AuthzServer.StartAsync(policy.Path, _jwks);
        var token = AuthzServer.Token(_key);

        // Act
        var first = await server.CheckAsync(Get("/export", token, _clientA).ContextExtension("phigate.replay", "once"));
        var second = await server.CheckAsync(Get("/export", token, _clientA).ContextExtension("phigate.replay", "once"));

        // Assert
        Assert.That(first.Status.Code, Is.EqualTo(0));
        Assert.That((int)second.DeniedResponse.Status.Code, Is.EqualTo(401));
    }

    [Test]
    public async Task Check_CertificateBoundTokenWrongCertificate_401()
    {
        // Arrange
        using var policy = new PolicyFolder(("authz.rego", Policies.AllowAll));
        await using var server = await AuthzServer.StartAsync(policy.Path, _jwks);
        var token = AuthzServer.Token(_key, claims => claims["cnf"] = new Dictionary<string, string> { ["x5t#S256"] = _clientA.X5tS256 });

        // Act
        var right = await server.CheckAsync(Get("/x", token, _clientA));
        var wrong = await server.CheckAsync(Get("/x", AuthzServer.Token(_key, claims => claims["cnf"] = new Dictionary<string, string> { ["x5t#S256"] = _clientA.X5tS256 }), _clientB));

        // Assert
        Assert.That(right.Status.Code, Is.EqualTo(0));
        Assert.That((int)wrong.DeniedResponse.Status.Code, Is.EqualTo(401));
    }

    [Test]
    public async Task Check_IdentityInput_CarriesVerifiedFactsOnly()
    {
        // Arrange: the policy allows only if every identity fact is as expected, and puts some in a header.
        const string source = """
            package envoy.authz

            import rego.v1

            default allow := {"allowed": false}

            allow := {"allowed": true, "headers": {"x-client": input.identity.client_id, "x-subject": input.identity.subject}} if {
                input.identity.schema == "phigate.identity/v1"
                input.identity.issuer == "https://idp.phigate.test"
                input.identity.claims.aud == "ehr-api"
                input.identity.audiences == ["ehr-api"]
                input.identity.certificate.x5t_s256 != ""
                input.identity.certificate.uris == ["spiffe://phigate.test/ns/ehr/sa/client-a"]
                input.source_principal == "CN=client-a"
                input.version == {"ext_authz": "v3", "encoding": "protojson"}
            }
            """;
        using var policy = new PolicyFolder(("authz.rego", source));
        await using var server = await AuthzServer.StartAsync(policy.Path, _jwks);

        // Act
        var response = await server.CheckAsync(Get("/x", AuthzServer.Token(_key), _clientA));

        // Assert
        Assert.That(response.Status.Code, Is.EqualTo(0));
        Assert.That(response.OkResponse.Headers.Select(h => h.Header.Value), Is.EquivalentTo(new[] { "ehr-client", "svc-ehr" }));
    }
}
