using PhiGate.Rego.Values;

namespace PhiGate.Authz.Decisions;

/// <summary>
/// Reads a policy value into a <see cref="PolicyDecision"/>: <c>true</c>/<c>false</c>, or an object whose
/// <c>allowed</c> is a boolean and whose other keys have the types opa-envoy-plugin accepts. Anything else is
/// <see cref="DecisionReason.MalformedDecision"/> (deny).
/// </summary>
internal static class DecisionReader
{
    public static PolicyDecision Read(Value value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value is BooleanValue boolean)
        {
            return boolean.Value
                ? new PolicyDecision { Allowed = true, Reason = DecisionReason.Allowed }
                : PolicyDecision.Deny(DecisionReason.PolicyDenied);
        }

        if (value is not ObjectValue decision || decision.Get("allowed") is not BooleanValue allowed)
        {
            return PolicyDecision.Deny(DecisionReason.MalformedDecision);
        }

        try
        {
            return new PolicyDecision
            {
                Allowed = allowed.Value,
                Reason = allowed.Value ? DecisionReason.Allowed : DecisionReason.PolicyDenied,
                HttpStatus = ReadStatus(decision.Get("http_status")),
                Body = decision.Get("body") switch
                {
                    null => null,
                    StringValue s => s.Value,
                    _ => throw new MalformedDecisionException(),
                },
                Headers = ReadHeaders(decision.Get("headers")),
                ResponseHeadersToAdd = ReadHeaders(decision.Get("response_headers_to_add")),
                RequestHeadersToRemove = ReadStrings(decision.Get("request_headers_to_remove")),
                QueryParametersToSet = ReadQueryParameters(decision.Get("query_parameters_to_set")),
                QueryParametersToRemove = ReadStrings(decision.Get("query_parameters_to_remove")),
                DynamicMetadata = decision.Get("dynamic_metadata") switch
                {
                    null => null,
                    ObjectValue o => o,
                    _ => throw new MalformedDecisionException(),
                },
            };
        }
        catch (MalformedDecisionException)
        {
            return PolicyDecision.Deny(DecisionReason.MalformedDecision);
        }
    }

    /// <summary>Any integer Envoy knows as an HTTP status (100-599).</summary>
    private static int? ReadStatus(Value? value)
    {
        if (value is null)
        {
            return null;
        }

        if (value is NumberValue number && number.TryGetInt64(out var code) && code is >= 100 and <= 599 && Enum.IsDefined((global::Envoy.Type.V3.StatusCode)(int)code))
        {
            return (int)code;
        }

        throw new MalformedDecisionException();
    }

    /// <summary>An object of name → string or list of strings, or a list of such objects.</summary>
    private static List<KeyValuePair<string, string>> ReadHeaders(Value? value)
    {
        var headers = new List<KeyValuePair<string, string>>();
        switch (value)
        {
            case null:
                break;
            case ObjectValue one:
                AddHeaderObject(one, headers);
                break;
            case ArrayValue many:
                foreach (var item in many.Items)
                {
                    AddHeaderObject(item as ObjectValue ?? throw new MalformedDecisionException(), headers);
                }

                break;
            default:
                throw new MalformedDecisionException();
        }

        return headers;
    }

    private static void AddHeaderObject(ObjectValue headers, List<KeyValuePair<string, string>> into)
    {
        for (var i = 0; i < headers.Count; i++)
        {
            var name = headers.Keys[i] as StringValue ?? throw new MalformedDecisionException();
            foreach (var text in StringOrStrings(headers.Values[i]))
            {
                into.Add(new(name.Value, text));
            }
        }
    }

    private static List<KeyValuePair<string, string>> ReadQueryParameters(Value? value)
    {
        var parameters = new List<KeyValuePair<string, string>>();
        if (value is null)
        {
            return parameters;
        }

        var map = value as ObjectValue ?? throw new MalformedDecisionException();
        for (var i = 0; i < map.Count; i++)
        {
            var key = map.Keys[i] as StringValue ?? throw new MalformedDecisionException();
            foreach (var text in StringOrStrings(map.Values[i]))
            {
                parameters.Add(new(key.Value, text));
            }
        }

        return parameters;
    }

    private static List<string> ReadStrings(Value? value) => value switch
    {
        null => [],
        ArrayValue list => [.. StringOrStrings(list)],
        SetValue set => [.. set.Items.ToArray().Select(v => (v as StringValue ?? throw new MalformedDecisionException()).Value)],
        _ => throw new MalformedDecisionException(),
    };

    private static IEnumerable<string> StringOrStrings(Value value) => value switch
    {
        StringValue s => [s.Value],
        ArrayValue list => list.Items.ToArray().Select(v => (v as StringValue ?? throw new MalformedDecisionException()).Value),
        _ => throw new MalformedDecisionException(),
    };

    /// <summary>Internal control flow for a malformed decision; never leaves <see cref="Read"/>.</summary>
    private sealed class MalformedDecisionException : Exception;
}
