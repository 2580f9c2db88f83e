using PhiGate.Rego.Values;

namespace PhiGate.Rego.Builtins;

/// <summary>
/// <c>http.send</c>. PhiGate evaluates policies on the request path of PHI services, so policies may not make
/// outbound calls: the request object is validated as OPA validates it (same error texts), then the call
/// fails with a clear builtin error instead of reaching the network.
/// </summary>
internal static class HttpBuiltins
{
    public static void Register(BuiltinRegistry r)
    {
        r.Add("http.send", ["object[string: any]"], "object[any: any]", Send, nondeterministic: true);
    }

    private static Value Send(BuiltinContext ctx, ReadOnlySpan<Value> a)
    {
        var request = Args.Object(a, 0);
        ValidateKeys(request);
        throw BuiltinErrors.Fail("outbound requests are disabled in this policy engine");
    }

    private static void ValidateKeys(ObjectValue request)
    {
        var unknown = new List<Value>();
        for (var i = 0; i < request.Count; i++)
        {
            if (request.Keys[i] is not StringValue k || !ProviderBuiltins.RequestKeys.Contains(k.Value))
            {
                unknown.Add(request.Keys[i]);
            }
        }

        if (unknown.Count > 0)
        {
            throw BuiltinErrors.Type($"invalid request parameters(s): {Value.NewSet([.. unknown])}");
        }

        var missing = ((string[])["method", "url"]).Where(k => request.Get(k) is null).Select(Value.From).ToArray();
        if (missing.Length > 0)
        {
            throw BuiltinErrors.Type($"missing required request parameters(s): {Value.NewSet(missing)}");
        }
    }
}
