namespace PhiGate.Authz.Tests.Decisions;

/// <summary>
/// Test policies written the way opa-envoy-plugin's documentation writes them: package <c>envoy.authz</c>, rule
/// <c>allow</c>, reading <c>input.attributes.request.http</c> and <c>input.parsed_path</c>, returning a boolean or
/// an object with <c>allowed</c>, <c>headers</c>, <c>body</c>, <c>http_status</c>, <c>dynamic_metadata</c>.
/// </summary>
internal static class Policies
{
    /// <summary>Boolean result: read-only access to the product catalogue, nothing else.</summary>
    public const string BooleanCatalogue = """
        package envoy.authz

        import rego.v1

        import input.attributes.request.http as http_request

        default allow := false

        allow if {
            http_request.method == "GET"
            input.parsed_path == ["api", "v1", "products"]
        }
        """;

    /// <summary>Object result: headers for upstream and downstream, removals, query rewrites, metadata.</summary>
    public const string ObjectWithMutations = """
        package envoy.authz

        import rego.v1

        default allow := {"allowed": false, "http_status": 429, "body": "slow down", "headers": {"retry-after": "30"}}

        allow := decision if {
            input.attributes.request.http.method == "GET"
            decision := {
                "allowed": true,
                "headers": {"x-ext-auth-allow": "yes", "x-tenant": ["a", "b"]},
                "response_headers_to_add": [{"x-served-by": "phigate"}],
                "request_headers_to_remove": ["x-internal-debug"],
                "query_parameters_to_set": {"limit": "50"},
                "query_parameters_to_remove": ["debug"],
                "dynamic_metadata": {"phigate": {"redaction_profile": "safe_harbor"}, "team": {"tier": 2}},
            }
        }
        """;

    /// <summary>RBAC on the verified identity: scopes and the client certificate's SPIFFE ID.</summary>
    public const string IdentityRbac = """
        package envoy.authz

        import rego.v1

        default allow := false

        readers := {"spiffe://phigate.test/ns/ehr/sa/client-a"}

        allow if {
            input.identity.authenticated
            "patient.read" in input.identity.scopes
            input.identity.certificate.spiffe_id in readers
            input.attributes.request.http.method == "GET"
            input.parsed_path[0] == "fhir"
        }

        allow if {
            input.parsed_path == ["healthz"]
        }
        """;

    /// <summary>Allows everything: proves that refusals before the policy really happen before it.</summary>
    public const string AllowAll = """
        package envoy.authz

        import rego.v1

        allow := true
        """;

    /// <summary>Reads parsed_body and truncated_body.</summary>
    public const string BodyRules = """
        package envoy.authz

        import rego.v1

        default allow := false

        allow if {
            input.parsed_body.resourceType == "Patient"
            not input.truncated_body
        }

        allow if {
            input.parsed_body.action == ["read"]
        }
        """;
}
