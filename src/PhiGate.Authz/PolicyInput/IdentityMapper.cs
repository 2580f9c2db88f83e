using System.Runtime.CompilerServices;
using PhiGate.Authz.Certificates;
using PhiGate.Authz.Tokens;
using PhiGate.Rego.Values;

namespace PhiGate.Authz.PolicyInput;

/// <summary>
/// Builds <c>input.identity</c> (schema <see cref="Schema"/>; docs/policy-input.md). Only a token that passed every
/// check appears here; the token's and the certificate's parts are computed once per token / certificate and reused.
/// </summary>
internal static class IdentityMapper
{
    public const string Schema = "phigate.identity/v1";

    // Few distinct certificates (one per client, cached by the reader): a weak table is fine here. The identity
    // built for a token lives on the token itself: one weak-table entry per fresh token meant a lock on every
    // insert and a dependent GC handle per cached token, which showed up in traces of the fresh-token load.
    private static readonly ConditionalWeakTable<ClientCertificate, ObjectValue> CertificateParts = [];

    public static ObjectValue Build(CallerAuthentication authentication)
    {
        ArgumentNullException.ThrowIfNull(authentication);
        if (!authentication.IsAuthenticated)
        {
            return BuildUncached(authentication);
        }

        // Values are immutable and a token keeps coming from the same client certificate (the reader hands out
        // one instance per certificate), so a repeated token reuses its whole identity object.
        var token = authentication.Token!;
        if (token.PolicyIdentity is { } cached && ReferenceEquals(cached.Certificate, authentication.Certificate))
        {
            return cached.Identity;
        }

        var identity = BuildUncached(authentication);
        token.PolicyIdentity = new CachedIdentity(authentication.Certificate, identity);
        return identity;
    }

    private static ObjectValue BuildUncached(CallerAuthentication authentication)
    {
        var builder = new ObjectBuilder(16);
        builder.Add("schema", Value.From(Schema));
        builder.Add("authenticated", Value.From(authentication.IsAuthenticated));
        if (authentication.IsAuthenticated)
        {
            var token = authentication.Token!;
            foreach (var (key, value) in MapToken(token))
            {
                builder.Add(key, value);
            }
        }

        if (authentication.Certificate is { } certificate)
        {
            builder.Add("certificate", CertificateParts.GetValue(certificate, MapCertificate));
        }

        return builder.Build();
    }

    private static (string, Value)[] MapToken(VerifiedToken token)
    {
        var parts = new List<(string, Value)>
        {
            ("issuer", Value.From(token.Issuer)),
            ("audiences", Strings(token.Audiences)),
            ("scopes", Strings(token.Scopes)),
            ("expires_at", Value.From(token.ExpiresAt.ToUnixTimeSeconds())),
            ("claims", token.Claims.ValueKind == System.Text.Json.JsonValueKind.Object ? JsonValueReader.FromElement(token.Claims) : ObjectValueEmpty()),
            ("certificate_bound", Value.From(token.CertificateThumbprint is not null)),
        };
        AddIfPresent(parts, "subject", token.Subject);
        AddIfPresent(parts, "client_id", token.ClientId);
        AddIfPresent(parts, "jti", token.Jti);
        if (token.IssuedAt is { } issuedAt)
        {
            parts.Add(("issued_at", Value.From(issuedAt.ToUnixTimeSeconds())));
        }

        return [.. parts];
    }

    private static ObjectValue MapCertificate(ClientCertificate certificate)
    {
        var builder = new ObjectBuilder(12)
            .Add("sha256", Value.From(certificate.Sha256Hex))
            .Add("x5t_s256", Value.From(certificate.Sha256Thumbprint))
            .Add("subject", Value.From(certificate.Subject))
            .Add("issuer", Value.From(certificate.Issuer))
            .Add("serial_number", Value.From(certificate.SerialNumber))
            .Add("not_before", Value.From(certificate.NotBefore.ToUnixTimeSeconds()))
            .Add("not_after", Value.From(certificate.NotAfter.ToUnixTimeSeconds()))
            .Add("dns_names", Strings(certificate.DnsNames))
            .Add("uris", Strings(certificate.Uris))
            .Add("emails", Strings(certificate.Emails))
            .Add("ip_addresses", Strings(certificate.IpAddresses));
        if (certificate.SpiffeId is not null)
        {
            builder.Add("spiffe_id", Value.From(certificate.SpiffeId));
        }

        return builder.Build();
    }

    private static void AddIfPresent(List<(string, Value)> parts, string key, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            parts.Add((key, Value.From(value)));
        }
    }

    private static Value Strings(IReadOnlyList<string> values) => Value.NewArray([.. values.Select(Value.From)]);

    private static ObjectValue ObjectValueEmpty() => new ObjectBuilder(0).Build();
}
