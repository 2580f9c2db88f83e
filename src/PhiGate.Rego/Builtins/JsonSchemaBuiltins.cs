using PhiGate.Rego.Values;

namespace PhiGate.Rego.Builtins;

/// <summary>
/// <c>json.verify_schema</c> and <c>json.match_schema</c>: JSON Schema (draft 4 to 7 keywords) checked with
/// the error shapes OPA returns (<c>{"error", "type", "field", "desc"}</c>, fields like <c>(root)</c> or <c>a.0.b</c>).
/// </summary>
internal static partial class JsonSchemaBuiltins
{
    private static readonly string[] PrimitiveTypes = ["array", "boolean", "integer", "number", "null", "object", "string"];

    public static void Register(BuiltinRegistry r)
    {
        r.Add("json.verify_schema", ["any<string, object[any: any]>"], "array[any<boolean, null, string>]", static (_, a) =>
        {
            try
            {
                var schema = Load(a[0], 0);
                CheckSchema(schema);
                return Value.NewArray(Value.True, Value.Null);
            }
            catch (BuiltinException ex) when (!ex.IsTypeError)
            {
                return Value.NewArray(Value.False, Value.From("jsonschema: " + ex.Message));
            }
        });
        r.Add("json.match_schema", ["any<string, object[any: any]>", "any<string, object[any: any]>"], "array[any]", static (_, a) =>
        {
            var document = Load(a[0], 0);
            var schema = Load(a[1], 1);
            CheckSchema(schema);
            var errors = new List<Value>();
            new Validator(schema).Validate(schema, document, "(root)", errors);
            return Value.NewArray(Value.From(errors.Count == 0), Value.NewArray([.. errors]));
        });
    }

    /// <summary>A schema or document given as JSON text or as a value.</summary>
    private static Value Load(Value v, int index) => v switch
    {
        StringValue s => EncodingBuiltins.Unmarshal(s.Value),
        ObjectValue or ArrayValue or BooleanValue or NumberValue or NullValue => v,
        _ => throw BuiltinErrors.OperandOneOf(index, v, "string", "object"),
    };

    /// <summary>Rejects schemas gojsonschema rejects when compiling (unknown primitive types, bad regexes).</summary>
    private static void CheckSchema(Value schema)
    {
        if (schema is not ObjectValue o)
        {
            return;
        }

        if (o.Get("type") is { } type)
        {
            var names = type switch
            {
                StringValue s => [s.Value],
                ArrayValue arr => arr.Items.ToArray().Select(x => x is StringValue s ? s.Value : x.ToString()).ToArray(),
                _ => throw BuiltinErrors.Fail("Invalid type. Expected: string/array of strings, given: type"),
            };
            foreach (var name in names)
            {
                if (!PrimitiveTypes.Contains(name))
                {
                    throw BuiltinErrors.Fail($"has a primitive type that is NOT VALID -- given: /{name}/ Expected valid values are:[{string.Join(' ', PrimitiveTypes)}]");
                }
            }
        }

        if (o.Get("pattern") is StringValue pattern && !Re2Regex.TryGet(pattern.Value, out _, out _))
        {
            throw BuiltinErrors.Fail($"Invalid regex pattern '{pattern.Value}'");
        }

        foreach (var value in o.Values)
        {
            switch (value)
            {
                case ObjectValue child:
                    CheckSchema(child);
                    break;
                case ArrayValue list:
                    foreach (var item in list.Items)
                    {
                        CheckSchema(item);
                    }

                    break;
            }
        }
    }
}
