namespace PhiGate.Benchmarks.Rego;

/// <summary>An RBAC policy in the style of OPA's Envoy tutorial: roles and grants from data, method and path matching.</summary>
internal static class RbacPolicy
{
    public const string Source = """
        package envoy.authz

        import rego.v1

        default allow := false

        # Admins may do anything.
        allow if "admin" in user_roles

        # Otherwise a role must grant the method on a matching path prefix.
        allow if {
            some role in user_roles
            some grant in data.role_grants[role]
            grant.method == http_request.method
            startswith(http_request.path, grant.path)
        }

        http_request := input.attributes.request.http

        user_roles contains role if {
            some role in data.user_roles[input.parsed_token.sub]
        }

        deny_reason := "no role grants this request" if not allow

        headers["x-phigate-roles"] := concat(",", sort([r | some r in user_roles]))
        """;

    public const string Data = """
        {
          "user_roles": {
            "alice": ["admin"],
            "bob": ["clinician", "reader"],
            "carol": ["billing"]
          },
          "role_grants": {
            "clinician": [
              {"method": "GET", "path": "/fhir/Patient"},
              {"method": "POST", "path": "/fhir/Observation"}
            ],
            "reader": [
              {"method": "GET", "path": "/fhir/Observation"}
            ],
            "billing": [
              {"method": "GET", "path": "/billing/"}
            ]
          }
        }
        """;

    public const string Input = """
        {
          "attributes": {
            "request": {
              "http": {
                "method": "GET",
                "path": "/fhir/Observation/123",
                "headers": {"authorization": "Bearer x", "x-request-id": "42"}
              }
            }
          },
          "parsed_token": {"sub": "bob", "iss": "https://idp.example"}
        }
        """;
}
