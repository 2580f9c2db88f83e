namespace PhiGate.Authz.Options;

/// <summary>One trusted token issuer (<c>authz.tokens.issuers[i]</c>).</summary>
public sealed class IssuerOptions
{
    /// <summary>The exact <c>iss</c> value. Required.</summary>
    public string Issuer { get; set; } = string.Empty;

    /// <summary>Accepted <c>aud</c> values; at least one matches. Required, no default.</summary>
    public List<string> Audiences { get; set; } = [];

    /// <summary>JWKS URL. HTTPS unless the host is a loopback address. One of <see cref="JwksUri"/>, <see cref="Discovery"/>, <see cref="JwksFile"/>.</summary>
    public string? JwksUri { get; set; }

    /// <summary>OIDC discovery document URL (<c>&lt;issuer&gt;/.well-known/openid-configuration</c>); its <c>jwks_uri</c> is used.</summary>
    public string? Discovery { get; set; }

    /// <summary>Path of a JWKS file (re-read on each key refresh).</summary>
    public string? JwksFile { get; set; }

    /// <summary>Accepted signature algorithms. Default: <c>RS256, PS256, ES256</c>. Symmetric (HS*) and <c>none</c> are refused.</summary>
    public List<string> Algorithms { get; set; } = [];

    /// <summary>Replay mode for this issuer (<c>bind</c>, <c>once</c>, <c>off</c>). Default: <c>authz.tokens.replay</c>.</summary>
    public string? Replay { get; set; }

    /// <summary>Accept tokens without <c>jti</c> (replay protection then cannot apply). Default: false.</summary>
    public bool AllowMissingJti { get; set; }

    /// <summary>Claims that must be present in addition to <c>authz.tokens.required_claims</c>. Default: none.</summary>
    public List<string> RequiredClaims { get; set; } = [];
}
