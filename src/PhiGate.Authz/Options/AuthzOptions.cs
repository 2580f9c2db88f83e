namespace PhiGate.Authz.Options;

/// <summary>The <c>authz</c> section: how Check decides. The YAML keys are the public contract (docs/authz.md).</summary>
public sealed class AuthzOptions
{
    /// <summary>Rule path evaluated for each request. Default: <c>envoy/authz/allow</c> (opa-envoy-plugin's default).</summary>
    public string Decision { get; set; } = "envoy/authz/allow";

    /// <summary>Folders whose <c>*.rego</c> files (recursively) form the policy. Default: none, so every request is denied.</summary>
    public List<string> PolicyDirs { get; set; } = [];

    /// <summary>Decide and log, but allow every request (opa-envoy-plugin's dry-run). Default: false.</summary>
    public bool DryRun { get; set; }

    /// <summary>Budget for one policy evaluation; exceeding it denies. Default: <c>100ms</c>.</summary>
    public string DecisionTimeout { get; set; } = "100ms";

    /// <summary>Do not parse request bodies into <c>parsed_body</c> (opa-envoy-plugin's <c>skip-request-body-parse</c>). Default: false.</summary>
    public bool SkipRequestBodyParse { get; set; }

    /// <summary>The <c>realm</c> of the RFC 6750 <c>www-authenticate</c> challenge. Default: <c>phigate</c>.</summary>
    public string Realm { get; set; } = "phigate";

    /// <summary>Redaction profile passed to ext_proc when the policy names none. Default: <c>strict</c>.</summary>
    public string DefaultRedactionProfile { get; set; } = "strict";

    /// <summary>Token validation (<c>authz.tokens</c>).</summary>
    public TokenOptions Tokens { get; set; } = new();
}
