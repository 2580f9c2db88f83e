namespace PhiGate.Authz.Tests.Decisions;

/// <summary>
/// Our own policies, written with the constructs opa-envoy-plugin's documentation teaches, so a team can bring
/// theirs over unchanged: <c>import input.attributes.request.http</c> (plain and aliased), <c>default allow := false</c>,
/// a token read from the <c>authorization</c> header and checked in Rego with <c>io.jwt.decode_verify</c> and
/// <c>time.now_ns</c>, <c>glob.match</c> on the path, <c>parsed_body</c>, <c>parsed_path</c>, <c>parsed_query</c>,
/// <c>version</c>, the v3 protojson source address, partial object rules collected into an output object
/// (<c>allowed</c>, <c>headers</c>, <c>response_headers_to_add</c>, <c>request_headers_to_remove</c>, <c>http_status</c>,
/// <c>body</c>, <c>dynamic_metadata</c>) and an <c>else</c> chain for the status.
/// </summary>
internal static class DocumentedStylePolicies
{
    /// <summary>HMAC secret the ward policy verifies its tokens with (a test value, as in the primer's own example).</summary>
    public const string WardSecret = "ward-secret-for-tests";

    /// <summary>Ward rota: clerks read, charge nurses read and create (but never a record about themselves).</summary>
    public const string WardRota = """
        package envoy.authz

        import rego.v1

        import input.attributes.request.http

        default allow := false

        allow if {
            credentials_current
            permitted
        }

        credentials_current if {
            bearer.valid
            now := time.now_ns() / 1000000000
            bearer.claims.nbf <= now
            now < bearer.claims.exp
        }

        permitted if {
            http.method == "GET"
            bearer.claims.role in {"clerk", "charge_nurse"}
            glob.match("/wards/*", ["/"], http.path)
        }

        permitted if {
            http.method == "POST"
            bearer.claims.role == "charge_nurse"
            glob.match("/wards", ["/"], http.path)
            lower(input.parsed_body.given_name) != base64url.decode(bearer.claims.sub)
        }

        bearer := {"valid": ok, "claims": claims} if {
            [_, compact] := split(http.headers.authorization, " ")
            [ok, _, claims] := io.jwt.decode_verify(compact, {"secret": "ward-secret-for-tests"})
        }
        """;

    /// <summary>The same rota answering with an output object built from partial rules (decision <c>envoy/authz/answer</c>).</summary>
    public const string WardRotaAnswer = WardRota + """


        headers["x-rota-checked"] := "yes"

        headers["x-rota-role"] := bearer.claims.role if credentials_current

        request_headers_to_remove := ["x-debug-trace"]

        response_headers_to_add["x-rota-policy"] := "v7"

        status := 200 if {
            allow
        } else := 401 if {
            not credentials_current
        } else := 403

        message := "sign in again" if status == 401

        message := "not on this rota" if status == 403

        metadata := {"phigate": {"redaction_profile": "limited_dataset"}} if allow

        answer["allowed"] := allow

        answer["headers"] := headers

        answer["response_headers_to_add"] := response_headers_to_add

        answer["request_headers_to_remove"] := request_headers_to_remove

        answer["http_status"] := status

        answer["body"] := message

        answer["dynamic_metadata"] := metadata
        """;

    /// <summary>Directory lookups: path and query as parsed lists, the input version, the v3 source address.</summary>
    public const string DirectoryLookup = """
        package envoy.authz

        import rego.v1

        import input.attributes.request.http as http_request

        default allow := false

        allow if {
            http_request.method == "GET"
            input.parsed_path == ["directory", "staff"]
            input.parsed_query.unit == ["icu"]
            input.parsed_query.id == ["7", "9"]
            input.version == {"ext_authz": "v3", "encoding": "protojson"}
            input.attributes.source.address.socketAddress.address == "10.20.30.40"
            input.attributes.source.address.socketAddress.portValue == 5500
        }
        """;
}
