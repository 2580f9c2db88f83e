using System.Text.Json;
using Envoy.Service.Auth.V3;
using PhiGate.Authz.Tests.Support;
using PhiGate.Testing.Envoy;
using GrpcCode = Grpc.Core.StatusCode;

namespace PhiGate.Authz.Tests.Decisions;

/// <summary>Check over a real socket with policies written as for opa-envoy-plugin (no token validation configured).</summary>
[TestFixture]
public sealed class CheckDecisionTests
{
    private static string? Header(IEnumerable<global::Envoy.Config.Core.V3.HeaderValueOption> headers, string name) =>
        headers.FirstOrDefault(h => h.Header.Key == name)?.Header.Value;

    private static string Profile(CheckResponse response) =>
        response.DynamicMetadata.Fields["phigate"].StructValue.Fields["redaction_profile"].StringValue;

    [Test]
    public async Task Check_BooleanPolicyMatchingRequest_AllowedWithStrictestProfile()
    {
        // Arrange
        using var policy = new PolicyFolder(("authz.rego", Policies.BooleanCatalogue));
        await using var server = await AuthzServer.StartAsync(policy.Path);

        // Act
        var response = await server.CheckAsync(new CheckRequestBuilder().Method("GET").Path("/api/v1/products?sort=name"));

        // Assert
        Assert.That(response.Status.Code, Is.EqualTo((int)GrpcCode.OK));
        Assert.That(response.HttpResponseCase, Is.EqualTo(CheckResponse.HttpResponseOneofCase.OkResponse));
        Assert.That(Profile(response), Is.EqualTo("strict"));
        server.Server.AssertNoUnexpectedErrors();
    }

    [Test]
    public async Task Check_BooleanPolicyOtherRequest_Denied403WithShortJson()
    {
        // Arrange
        using var policy = new PolicyFolder(("authz.rego", Policies.BooleanCatalogue));
        await using var server = await AuthzServer.StartAsync(policy.Path);

        // Act
        var response = await server.CheckAsync(new CheckRequestBuilder().Method("DELETE").Path("/api/v1/products").Header("x-request-id", "req-7"));

        // Assert
        Assert.That(response.Status.Code, Is.EqualTo((int)GrpcCode.PermissionDenied));
        Assert.That((int)response.DeniedResponse.Status.Code, Is.EqualTo(403));
        using var body = JsonDocument.Parse(response.DeniedResponse.Body);
        Assert.That(body.RootElement.GetProperty("error").GetString(), Is.EqualTo("access_denied"));
        Assert.That(body.RootElement.GetProperty("request_id").GetString(), Is.EqualTo("req-7"));
        Assert.That(body.RootElement.EnumerateObject().Count(), Is.EqualTo(2));
        Assert.That(Profile(response), Is.EqualTo("strict"));
    }

    [Test]
    public async Task Check_ObjectPolicyAllow_MutationsWithExplicitAppend()
    {
        // Arrange
        using var policy = new PolicyFolder(("authz.rego", Policies.ObjectWithMutations));
        await using var server = await AuthzServer.StartAsync(policy.Path);

        // Act
        var response = await server.CheckAsync(new CheckRequestBuilder().Method("GET").Path("/x?debug=1"));

        // Assert
        var ok = response.OkResponse;
        Assert.That(response.Status.Code, Is.EqualTo(0));
        Assert.That(ok.Headers.All(h => h.Append is not null), Is.True, "append must be set on every header");
        Assert.That(ok.Headers.Select(h => (h.Header.Key, h.Header.Value, h.Append)), Is.EquivalentTo(new[]
        {
            ("x-ext-auth-allow", "yes", (bool?)false),
            ("x-tenant", "a", (bool?)false),
            ("x-tenant", "b", (bool?)true),
        }));
        Assert.That(ok.ResponseHeadersToAdd.Single().Header.Key, Is.EqualTo("x-served-by"));
        Assert.That(ok.ResponseHeadersToAdd.Single().Append, Is.False);
        Assert.That(ok.HeadersToRemove, Is.EqualTo(new[] { "x-internal-debug" }));
        Assert.That(ok.QueryParametersToSet.Single().Key, Is.EqualTo("limit"));
        Assert.That(ok.QueryParametersToRemove, Is.EqualTo(new[] { "debug" }));
        Assert.That(Profile(response), Is.EqualTo("safe_harbor"));
        Assert.That(response.DynamicMetadata.Fields["team"].StructValue.Fields["tier"].NumberValue, Is.EqualTo(2));
    }

    [Test]
    public async Task Check_ObjectPolicyDeny_PolicyStatusBodyAndHeaders()
    {
        // Arrange
        using var policy = new PolicyFolder(("authz.rego", Policies.ObjectWithMutations));
        await using var server = await AuthzServer.StartAsync(policy.Path);

        // Act
        var response = await server.CheckAsync(new CheckRequestBuilder().Method("POST").Path("/x"));

        // Assert
        Assert.That(response.Status.Code, Is.EqualTo((int)GrpcCode.PermissionDenied));
        Assert.That((int)response.DeniedResponse.Status.Code, Is.EqualTo(429));
        Assert.That(response.DeniedResponse.Body, Is.EqualTo("slow down"));
        Assert.That(Header(response.DeniedResponse.Headers, "retry-after"), Is.EqualTo("30"));
        Assert.That(response.DeniedResponse.Headers.All(h => h.Append is not null), Is.True);
    }

    [TestCase("package envoy.authz\n\nimport rego.v1\n\nother := true\n", "undefined")]
    [TestCase("package envoy.authz\n\nimport rego.v1\n\nallow := {\"allowed\": \"yes\"}\n", "malformed")]
    [TestCase("package envoy.authz\n\nimport rego.v1\n\nallow := {\"allowed\": true, \"headers\": {\"x\": 1}}\n", "malformed header")]
    [TestCase("package envoy.authz\n\nimport rego.v1\n\nallow := {\"allowed\": true, \"http_status\": 999}\n", "bad status")]
    [TestCase("package envoy.authz\n\nimport rego.v1\n\nallow := 1\n", "number")]
    [TestCase("package envoy.authz\n\nimport rego.v1\n\nallow := x if { x := input.attributes.request.http.method == \"GET\" }\nallow := false if { input.attributes.request.http.method == \"GET\" }\n", "conflict error")]
    public async Task Check_BadDecision_DeniedWith403(string source, string why)
    {
        // Arrange
        using var policy = new PolicyFolder(("authz.rego", source));
        await using var server = await AuthzServer.StartAsync(policy.Path);
        server.Server.Logs.ExpectError(_ => false);

        // Act
        var response = await server.CheckAsync(new CheckRequestBuilder().Method("GET").Path("/x"));

        // Assert
        Assert.That(response.Status.Code, Is.EqualTo((int)GrpcCode.PermissionDenied), why);
        Assert.That((int)response.DeniedResponse.Status.Code, Is.EqualTo(403), why);
        Assert.That(response.OkResponse, Is.Null, why);
    }

    [Test]
    public async Task Check_PolicyExceedsTimeBudget_Denied()
    {
        // Arrange: a policy that needs far more than the 20 ms budget.
        const string slow = """
            package envoy.authz

            import rego.v1

            allow if {
                count([x | some i in numbers.range(1, 3000); some j in numbers.range(1, 3000); x := i * j]) > 0
            }
            """;
        using var policy = new PolicyFolder(("authz.rego", slow));
        await using var server = await AuthzServer.StartAsync(policy.Path, extra: new Dictionary<string, string?> { ["authz:decision_timeout"] = "20ms" });

        // Act
        var response = await server.CheckAsync(new CheckRequestBuilder().Method("GET").Path("/x"));

        // Assert
        Assert.That(response.Status.Code, Is.EqualTo((int)GrpcCode.PermissionDenied));
        Assert.That(server.Server.Logs.Events.Any(e => e.EventId.Name == "PolicyEvaluationFailed"), Is.True);
    }

    [Test]
    public async Task Check_DryRunDeny_AllowedAndLogged()
    {
        // Arrange
        using var policy = new PolicyFolder(("authz.rego", Policies.BooleanCatalogue));
        await using var server = await AuthzServer.StartAsync(policy.Path, extra: new Dictionary<string, string?> { ["authz:dry_run"] = "true" });

        // Act
        var response = await server.CheckAsync(new CheckRequestBuilder().Method("DELETE").Path("/api/v1/products"));

        // Assert
        Assert.That(response.Status.Code, Is.EqualTo(0));
        Assert.That(response.OkResponse, Is.Not.Null);
        Assert.That(Profile(response), Is.EqualTo("strict"));
        Assert.That(server.Server.Logs.Events.Any(e => e.EventId.Name == "DryRunWouldDeny"), Is.True);
    }

    [Test]
    public async Task Check_JsonBody_ParsedForPolicy()
    {
        // Arrange
        using var policy = new PolicyFolder(("authz.rego", Policies.BodyRules));
        await using var server = await AuthzServer.StartAsync(policy.Path);
        var body = """{"resourceType":"Patient","id":"1"}"""u8.ToArray();

        // Act
        var allowed = await server.CheckAsync(new CheckRequestBuilder().Method("POST").Path("/fhir/Patient")
            .Header("content-type", "application/fhir+json; charset=utf-8").Header("content-type", "application/json").Body(body));
        var truncated = await server.CheckAsync(new CheckRequestBuilder().Method("POST").Path("/fhir/Patient")
            .Header("content-type", "application/json").Body(body, truncated: true));

        // Assert
        Assert.That(allowed.Status.Code, Is.EqualTo(0));
        Assert.That(truncated.Status.Code, Is.EqualTo((int)GrpcCode.PermissionDenied));
    }

    [Test]
    public async Task Check_FormBody_ParsedAsListsForPolicy()
    {
        // Arrange
        using var policy = new PolicyFolder(("authz.rego", Policies.BodyRules));
        await using var server = await AuthzServer.StartAsync(policy.Path);

        // Act
        var response = await server.CheckAsync(new CheckRequestBuilder().Method("POST").Path("/form")
            .Header("content-type", "application/x-www-form-urlencoded").Body("action=read"u8.ToArray()));

        // Assert
        Assert.That(response.Status.Code, Is.EqualTo(0));
    }

    [Test]
    public async Task Check_BrokenJsonBody_Denied()
    {
        // Arrange
        using var policy = new PolicyFolder(("authz.rego", Policies.AllowAll));
        await using var server = await AuthzServer.StartAsync(policy.Path);

        // Act
        var response = await server.CheckAsync(new CheckRequestBuilder().Method("POST").Path("/x")
            .Header("content-type", "application/json").Body("{\"a\":"u8.ToArray()));

        // Assert
        Assert.That(response.Status.Code, Is.EqualTo((int)GrpcCode.PermissionDenied));
    }

    [Test]
    public async Task Check_BadPercentEscapeInPath_Denied()
    {
        // Arrange
        using var policy = new PolicyFolder(("authz.rego", Policies.AllowAll));
        await using var server = await AuthzServer.StartAsync(policy.Path);

        // Act
        var response = await server.CheckAsync(new CheckRequestBuilder().Method("GET").Path("/a%zz"));

        // Assert
        Assert.That(response.Status.Code, Is.EqualTo((int)GrpcCode.PermissionDenied));
    }
}
