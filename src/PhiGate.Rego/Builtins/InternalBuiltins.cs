using PhiGate.Rego.Values;

namespace PhiGate.Rego.Builtins;

/// <summary>Helpers the compiler targets: membership (<c>x in xs</c>, <c>k, v in xs</c>).</summary>
internal static class InternalBuiltins
{
    public static void Register(BuiltinRegistry r)
    {
        r.Add("internal.member_2", ["any", "any"], "boolean", static (_, a) => Value.From(Member(a[0], a[1])));
        r.Add("opa.runtime", [], "object", static (_, _) => ObjectValue.Empty);

        // The compiler replaces these with the calling rule's annotations; outside a rule they are empty.
        r.Add("rego.metadata.rule", [], "object", static (_, _) => ObjectValue.Empty);
        r.Add("rego.metadata.chain", [], "array", static (_, _) => ArrayValue.Empty);
        r.Add("internal.member_3", ["any", "any", "any"], "boolean", static (_, a) => Value.From(Member3(a[0], a[1], a[2])));
    }

    internal static bool Member(Value x, Value collection)
    {
        switch (collection)
        {
            case ArrayValue arr:
                foreach (var v in arr.Items)
                {
                    if (v.Equals(x))
                    {
                        return true;
                    }
                }

                return false;
            case SetValue s:
                return s.Contains(x);
            case ObjectValue o:
                foreach (var v in o.Values)
                {
                    if (v.Equals(x))
                    {
                        return true;
                    }
                }

                return false;
            default:
                return false;
        }
    }

    internal static bool Member3(Value key, Value x, Value collection)
    {
        switch (collection)
        {
            case ArrayValue arr:
                return key is NumberValue n && n.TryGetInt64(out var i) && i >= 0 && i < arr.Count && arr[(int)i].Equals(x);
            case ObjectValue o:
                return o.Get(key) is { } v && v.Equals(x);
            default:
                return false;
        }
    }
}
