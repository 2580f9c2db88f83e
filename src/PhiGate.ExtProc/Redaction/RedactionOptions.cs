namespace PhiGate.ExtProc.Redaction;

/// <summary>
/// How ext_proc redacts: the <c>extproc</c> section of the configuration (snake_case keys in YAML).
/// </summary>
public sealed class RedactionOptions
{
    /// <summary>
    /// <c>extproc.strip_request_headers</c>: request headers removed before the request goes upstream.
    /// Default: <c>proxy-authorization</c>, <c>cookie</c>, <c>x-api-key</c> (identity reaches the upstream
    /// through the headers ext_authz adds, never through the caller's own credentials).
    /// </summary>
    public List<string> StripRequestHeaders { get; set; } = [];

    /// <summary>
    /// <c>extproc.refuse_phi_in_url</c>: refuse (400) a request whose path, query or headers carry PHI.
    /// Default: true.
    /// </summary>
    public bool RefusePhiInUrl { get; set; } = true;

    /// <summary>
    /// <c>extproc.phi_query_parameters</c>: query parameters whose mere presence carries PHI (FHIR search by
    /// name, birth date, identifier...; FHIR offers <c>POST _search</c> for these). Default: the FHIR
    /// Patient search parameters for names, telecom, address, birth date and identifiers.
    /// </summary>
    public List<string> PhiQueryParameters { get; set; } = [];

    /// <summary>
    /// <c>extproc.max_body_bytes</c>: the largest response body redacted, after decompression. A larger body
    /// fails closed with 502. Default: 8 MiB.
    /// </summary>
    public long MaxBodyBytes { get; set; } = 8L * 1024 * 1024;

    /// <summary>
    /// <c>extproc.passthrough_content_types</c>: response content types that may pass without redaction
    /// (media types, compared without parameters; <c>image/*</c> style wildcards allowed). Any other type
    /// that cannot be redacted fails closed with 502. Default: none.
    /// </summary>
    public List<string> PassthroughContentTypes { get; set; } = [];

    /// <summary><c>extproc.profiles_file</c>: YAML file with redaction profiles. Default: none (built-in profiles only).</summary>
    public string? ProfilesFile { get; set; }

    /// <summary><c>extproc.hash_key_file</c>: file holding the base64 HMAC key (at least 32 bytes) for the hash operator. Default: none.</summary>
    public string? HashKeyFile { get; set; }

    /// <summary><c>extproc.hash_key_id</c>: id written into every pseudonym made with that key. Default: none.</summary>
    public string? HashKeyId { get; set; }

    internal static readonly string[] DefaultStripRequestHeaders = ["proxy-authorization", "cookie", "x-api-key"];

    internal static readonly string[] DefaultPhiQueryParameters =
    [
        "name", "family", "given", "phonetic", "birthdate", "address", "address-city", "address-postalcode",
        "address-state", "phone", "email", "telecom", "identifier", "ssn", "mrn", "dob", "death-date",
    ];
}
