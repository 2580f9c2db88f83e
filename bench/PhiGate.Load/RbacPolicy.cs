namespace PhiGate.Load;

/// <summary>The RBAC policy the targets are stated for: roles from the token, grants as data, method and path matching.</summary>
internal static class RbacPolicy
{
    public const string Rego = """
        package envoy.authz

        import rego.v1

        default allow := false

        # Grants per role: which methods on which path patterns.
        grants := {
            "clinician": [
                {"methods": ["GET"], "path": "/fhir/Patient/*"},
                {"methods": ["GET"], "path": "/fhir/Observation/*"},
                {"methods": ["GET", "POST"], "path": "/fhir/Encounter/*"},
            ],
            "billing": [{"methods": ["GET"], "path": "/fhir/Claim/*"}],
            "admin": [{"methods": ["GET", "POST", "PUT", "DELETE"], "path": "/fhir/**"}],
        }

        http := input.attributes.request.http

        allow if {
            some role in input.identity.claims.roles
            some grant in grants[role]
            http.method in grant.methods
            glob.match(grant.path, ["/"], http.path)
        }

        allow if {
            http.method == "GET"
            http.path == "/metadata"
        }
        """;
}
