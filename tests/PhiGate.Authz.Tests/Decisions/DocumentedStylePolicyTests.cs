using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Envoy.Service.Auth.V3;
using Microsoft.IdentityModel.Tokens;
using PhiGate.Authz.Tests.Support;
using PhiGate.Testing.Envoy;
using GrpcCode = Grpc.Core.StatusCode;

namespace PhiGate.Authz.Tests.Decisions;

/// <summary>
/// Policies in opa-envoy-plugin's documented style (<see cref="DocumentedStylePolicies"/>) run unchanged through a
/// real gRPC Check over loopback. No issuer is configured, so the bearer token reaches the policy untouched and
/// the policy checks it itself, as the documentation's examples do.
/// </summary>
[TestFixture]
public sealed class DocumentedStylePolicyTests
{
    private static string? Header(IEnumerable<global::Envoy.Config.Core.V3.HeaderValueOption> headers, string name) =>
        headers.FirstOrDefault(h => h.Header.Key == name)?.Header.Value;

    /// <summary>An HS256 token as the primer's examples carry: role, base64url-encoded subject, nbf and exp.</summary>
    private static string WardToken(string role, string subject, string secret = DocumentedStylePolicies.WardSecret, int expiresInSeconds = 300)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = Base64UrlEncoder.Encode("""{"alg":"HS256","typ":"JWT"}""");
        var payload = Base64UrlEncoder.Encode(JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["role"] = role,
            ["sub"] = Base64UrlEncoder.Encode(subject),
            ["nbf"] = now - 60,
            ["exp"] = now + expiresInSeconds,
        }));
        var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.ASCII.GetBytes(header + "." + payload));
        return header + "." + payload + "." + Base64UrlEncoder.Encode(signature);
    }

    private static async Task<CheckResponse> CheckAsync(string source, CheckRequestBuilder request, string? decision = null)
    {
        using var policy = new PolicyFolder(("policy.rego", source));
        var extra = decision is null ? null : new Dictionary<string, string?> { ["authz:decision"] = decision };
        await using var server = await AuthzServer.StartAsync(policy.Path, extra: extra);
        var response = await server.CheckAsync(request);
        server.Server.AssertNoUnexpectedErrors();
        return response;
    }

    [Test]
    public async Task Check_WardRotaClerkReadsWard_Allowed()
    {
        // Arrange
        var request = new CheckRequestBuilder().Method("GET").Path("/wards/3").Bearer(WardToken("clerk", "dana"));

        // Act
        var response = await CheckAsync(DocumentedStylePolicies.WardRota, request);

        // Assert
        Assert.That(response.Status.Code, Is.EqualTo((int)GrpcCode.OK));
        Assert.That(response.HttpResponseCase, Is.EqualTo(CheckResponse.HttpResponseOneofCase.OkResponse));
    }

    [TestCase("DELETE", "/wards/3", "clerk", DocumentedStylePolicies.WardSecret, TestName = "Check_WardRotaClerkDeletes_Denied403")]
    [TestCase("GET", "/pharmacy/3", "clerk", DocumentedStylePolicies.WardSecret, TestName = "Check_WardRotaPathOutsideGlob_Denied403")]
    [TestCase("GET", "/wards/3", "clerk", "another-secret", TestName = "Check_WardRotaTokenSignedWithOtherSecret_Denied403")]
    [TestCase("GET", "/wards/3", "porter", DocumentedStylePolicies.WardSecret, TestName = "Check_WardRotaUnknownRole_Denied403")]
    public async Task Check_WardRotaRequestNotPermitted_Denied403(string method, string path, string role, string secret)
    {
        // Arrange
        var request = new CheckRequestBuilder().Method(method).Path(path).Bearer(WardToken(role, "dana", secret));

        // Act
        var response = await CheckAsync(DocumentedStylePolicies.WardRota, request);

        // Assert
        Assert.That(response.Status.Code, Is.EqualTo((int)GrpcCode.PermissionDenied));
        Assert.That((int)response.DeniedResponse.Status.Code, Is.EqualTo(403));
    }

    [Test]
    public async Task Check_WardRotaExpiredToken_Denied403()
    {
        // Arrange
        var request = new CheckRequestBuilder().Method("GET").Path("/wards/3").Bearer(WardToken("clerk", "dana", expiresInSeconds: -30));

        // Act
        var response = await CheckAsync(DocumentedStylePolicies.WardRota, request);

        // Assert
        Assert.That((int)response.DeniedResponse.Status.Code, Is.EqualTo(403));
    }

    [TestCase("Robin", GrpcCode.OK, TestName = "Check_WardRotaChargeNurseCreatesOtherPatient_Allowed")]
    [TestCase("DANA", GrpcCode.PermissionDenied, TestName = "Check_WardRotaChargeNurseCreatesOwnRecord_Denied")]
    public async Task Check_WardRotaChargeNurseCreates_DecidedOnParsedBody(string givenName, GrpcCode expected)
    {
        // Arrange
        var body = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { given_name = givenName, family_name = "Okafor" }));
        var request = new CheckRequestBuilder().Method("POST").Path("/wards").Header("content-type", "application/json")
            .Body(body).Bearer(WardToken("charge_nurse", "dana"));

        // Act
        var response = await CheckAsync(DocumentedStylePolicies.WardRota, request);

        // Assert
        Assert.That(response.Status.Code, Is.EqualTo((int)expected));
    }

    [Test]
    public async Task Check_OutputObjectAllowed_HeadersRemovalsAndProfileFromPartialRules()
    {
        // Arrange
        var request = new CheckRequestBuilder().Method("GET").Path("/wards/5").Header("x-debug-trace", "1").Bearer(WardToken("clerk", "dana"));

        // Act
        var response = await CheckAsync(DocumentedStylePolicies.WardRotaAnswer, request, "envoy/authz/answer");

        // Assert
        Assert.That(response.Status.Code, Is.EqualTo((int)GrpcCode.OK));
        var ok = response.OkResponse;
        Assert.That(Header(ok.Headers, "x-rota-checked"), Is.EqualTo("yes"));
        Assert.That(Header(ok.Headers, "x-rota-role"), Is.EqualTo("clerk"));
        Assert.That(Header(ok.ResponseHeadersToAdd, "x-rota-policy"), Is.EqualTo("v7"));
        Assert.That(ok.HeadersToRemove, Is.EquivalentTo(new[] { "x-debug-trace" }));
        var profile = response.DynamicMetadata.Fields["phigate"].StructValue.Fields["redaction_profile"].StringValue;
        Assert.That(profile, Is.EqualTo("limited_dataset"));
    }

    [Test]
    public async Task Check_OutputObjectWithoutCredentials_PolicyStatus401AndBody()
    {
        // Arrange
        var request = new CheckRequestBuilder().Method("GET").Path("/wards/5");

        // Act
        var response = await CheckAsync(DocumentedStylePolicies.WardRotaAnswer, request, "envoy/authz/answer");

        // Assert
        Assert.That(response.Status.Code, Is.EqualTo((int)GrpcCode.PermissionDenied));
        Assert.That((int)response.DeniedResponse.Status.Code, Is.EqualTo(401));
        Assert.That(response.DeniedResponse.Body, Is.EqualTo("sign in again"));
        Assert.That(Header(response.DeniedResponse.Headers, "x-rota-checked"), Is.EqualTo("yes"));
    }

    [Test]
    public async Task Check_OutputObjectWrongAction_PolicyStatus403AndBody()
    {
        // Arrange
        var request = new CheckRequestBuilder().Method("PUT").Path("/wards/5").Bearer(WardToken("clerk", "dana"));

        // Act
        var response = await CheckAsync(DocumentedStylePolicies.WardRotaAnswer, request, "envoy/authz/answer");

        // Assert
        Assert.That((int)response.DeniedResponse.Status.Code, Is.EqualTo(403));
        Assert.That(response.DeniedResponse.Body, Is.EqualTo("not on this rota"));
        Assert.That(Header(response.DeniedResponse.Headers, "x-rota-role"), Is.EqualTo("clerk"));
    }

    [TestCase("/directory/staff?unit=icu&id=7&id=9", GrpcCode.OK, TestName = "Check_DirectoryLookupMatchingQuery_Allowed")]
    [TestCase("/directory/staff?unit=icu&id=7", GrpcCode.PermissionDenied, TestName = "Check_DirectoryLookupMissingRepeatedParameter_Denied")]
    [TestCase("/directory/staff/?unit=icu&id=7&id=9", GrpcCode.PermissionDenied, TestName = "Check_DirectoryLookupTrailingSlashPath_Denied")]
    public async Task Check_DirectoryLookup_DecidedOnParsedPathQueryVersionAndSource(string path, GrpcCode expected)
    {
        // Arrange
        var request = new CheckRequestBuilder().Method("GET").Path(path).Source("10.20.30.40", 5500);

        // Act
        var response = await CheckAsync(DocumentedStylePolicies.DirectoryLookup, request);

        // Assert
        Assert.That(response.Status.Code, Is.EqualTo((int)expected));
    }
}
