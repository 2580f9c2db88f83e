using Envoy.Service.Auth.V3;
using PhiGate.Authz.Tokens;
using PhiGate.Rego.Values;

namespace PhiGate.Authz.PolicyInput;

/// <summary>
/// Builds the policy input from a CheckRequest: exactly opa-envoy-plugin's document (<c>attributes</c>,
/// <c>parsed_path</c>, <c>parsed_query</c>, <c>parsed_body</c>, <c>truncated_body</c>, <c>version</c>,
/// <c>source_principal</c>) plus our <c>identity</c>. See docs/policy-input.md.
/// </summary>
internal sealed class PolicyInputBuilder(bool skipRequestBodyParse)
{
    private static readonly Value Version = Value.NewObject(("ext_authz", Value.From("v3")), ("encoding", Value.From("protojson")));

    /// <summary>Null when the request cannot be turned into an input (no HTTP attributes, bad path or body): deny.</summary>
    public ObjectValue? Build(CheckRequest request, CallerAuthentication authentication)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(authentication);
        var http = request.Attributes?.Request?.Http;
        if (http is null)
        {
            return null;
        }

        if (!PathParser.TryParse(http.Path, out var parsedPath, out var parsedQuery))
        {
            return null;
        }

        var builder = new ObjectBuilder(10);
        foreach (var (key, value) in Pairs(AttributesMapper.Map(request)))
        {
            builder.Add(key, value);
        }

        builder.Add("version", Version);
        builder.Add("parsed_path", parsedPath);
        builder.Add("parsed_query", parsedQuery);
        if (!skipRequestBodyParse)
        {
            if (!BodyParser.TryParse(http, out var parsedBody, out var truncated))
            {
                return null;
            }

            builder.Add("parsed_body", parsedBody);
            builder.Add("truncated_body", Value.From(truncated));
        }

        var principal = request.Attributes!.Source?.Principal;
        if (!string.IsNullOrEmpty(principal))
        {
            builder.Add("source_principal", Value.From(principal));
        }

        builder.Add("identity", IdentityMapper.Build(authentication));
        return builder.Build();
    }

    private static IEnumerable<(Value Key, Value Value)> Pairs(ObjectValue value)
    {
        for (var i = 0; i < value.Count; i++)
        {
            yield return (value.Keys[i], value.Values[i]);
        }
    }
}
