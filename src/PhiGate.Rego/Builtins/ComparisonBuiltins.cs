using PhiGate.Rego.Values;

namespace PhiGate.Rego.Builtins;

/// <summary>The comparison operators (<c>==</c> <c>!=</c> <c>&lt;</c> <c>&lt;=</c> <c>&gt;</c> <c>&gt;=</c>) over OPA's total order.</summary>
internal static class ComparisonBuiltins
{
    private static readonly string[] AnyAny = ["any", "any"];

    public static void Register(BuiltinRegistry r)
    {
        r.Add("equal", AnyAny, "boolean", static (_, a) => Value.From(a[0].Equals(a[1])));
        r.Add("neq", AnyAny, "boolean", static (_, a) => Value.From(!a[0].Equals(a[1])));
        r.Add("lt", AnyAny, "boolean", static (_, a) => Value.From(Value.Compare(a[0], a[1]) < 0));
        r.Add("lte", AnyAny, "boolean", static (_, a) => Value.From(Value.Compare(a[0], a[1]) <= 0));
        r.Add("gt", AnyAny, "boolean", static (_, a) => Value.From(Value.Compare(a[0], a[1]) > 0));
        r.Add("gte", AnyAny, "boolean", static (_, a) => Value.From(Value.Compare(a[0], a[1]) >= 0));
    }
}
