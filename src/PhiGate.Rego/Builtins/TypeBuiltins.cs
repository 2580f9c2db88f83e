using PhiGate.Rego.Values;

namespace PhiGate.Rego.Builtins;

/// <summary>Type tests (<c>is_number</c>, <c>is_string</c>, ...) and <c>type_name</c>.</summary>
internal static class TypeBuiltins
{
    private static readonly string[] AnyArg = ["any"];

    public static void Register(BuiltinRegistry r)
    {
        r.Add("is_number", AnyArg, "boolean", static (_, a) => Value.From(a[0].Kind == ValueKind.Number));
        r.Add("is_string", AnyArg, "boolean", static (_, a) => Value.From(a[0].Kind == ValueKind.String));
        r.Add("is_boolean", AnyArg, "boolean", static (_, a) => Value.From(a[0].Kind == ValueKind.Boolean));
        r.Add("is_array", AnyArg, "boolean", static (_, a) => Value.From(a[0].Kind == ValueKind.Array));
        r.Add("is_set", AnyArg, "boolean", static (_, a) => Value.From(a[0].Kind == ValueKind.Set));
        r.Add("is_object", AnyArg, "boolean", static (_, a) => Value.From(a[0].Kind == ValueKind.Object));
        r.Add("is_null", AnyArg, "boolean", static (_, a) => Value.From(a[0].Kind == ValueKind.Null));
        r.Add("type_name", AnyArg, "string", static (_, a) => Value.From(a[0].TypeName));
    }
}
