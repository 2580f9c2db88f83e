using System.Numerics;
using PhiGate.Rego.Values;

namespace PhiGate.Rego.Builtins;

internal static partial class JsonSchemaBuiltins
{
    private sealed class Validator(Value root)
    {
        private int _depth;

        public void Validate(Value schema, Value doc, string field, List<Value> errors)
        {
            if (++_depth > 256)
            {
                throw BuiltinErrors.Fail("schema recursion too deep");
            }

            try
            {
                ValidateCore(schema, doc, field, errors);
            }
            finally
            {
                _depth--;
            }
        }

        private void ValidateCore(Value schema, Value doc, string field, List<Value> errors)
        {
            if (schema is BooleanValue b)
            {
                if (!b.Value)
                {
                    Add(errors, field, "false", "False always fails validation");
                }

                return;
            }

            if (schema is not ObjectValue s)
            {
                return;
            }

            if (s.Get("$ref") is StringValue reference)
            {
                Validate(Resolve(reference.Value), doc, field, errors);
                return;
            }

            if (s.Get("type") is { } type && !TypeMatches(type, doc))
            {
                var expected = type is StringValue ts ? ts.Value : string.Join(",", ((ArrayValue)type).Items.ToArray().Select(x => ((StringValue)x).Value));
                Add(errors, field, "invalid_type", $"Invalid type. Expected: {expected}, given: {TypeOf(doc)}");
                return;
            }

            if (s.Get("enum") is ArrayValue options && !options.Items.ToArray().Contains(doc))
            {
                Add(errors, field, "enum", $"{field} must be one of the following: {string.Join(", ", options.Items.ToArray().Select(x => JsonText.Serialize(x)))}");
            }

            if (s.Get("const") is { } constant && constant != doc)
            {
                Add(errors, field, "const", $"{field} does not match: {JsonText.Serialize(constant)}");
            }

            switch (doc)
            {
                case ObjectValue o:
                    ValidateObject(s, o, field, errors);
                    break;
                case ArrayValue a:
                    ValidateArray(s, a, field, errors);
                    break;
                case StringValue str:
                    ValidateString(s, str.Value, field, errors);
                    break;
                case NumberValue n:
                    ValidateNumber(s, n, field, errors);
                    break;
            }

            ValidateCombinators(s, doc, field, errors);
        }

        private void ValidateCombinators(ObjectValue s, Value doc, string field, List<Value> errors)
        {
            if (s.Get("allOf") is ArrayValue all)
            {
                var failed = false;
                foreach (var sub in all.Items)
                {
                    var inner = new List<Value>();
                    Validate(sub, doc, field, inner);
                    failed |= inner.Count > 0;
                    errors.AddRange(inner);
                }

                if (failed)
                {
                    Add(errors, field, "number_all_of", "Must validate all the schemas (allOf)");
                }
            }

            if (s.Get("anyOf") is ArrayValue any && !any.Items.ToArray().Any(sub => Passes(sub, doc, field)))
            {
                Add(errors, field, "number_any_of", "Must validate at least one schema (anyOf)");
            }

            if (s.Get("oneOf") is ArrayValue one && one.Items.ToArray().Count(sub => Passes(sub, doc, field)) != 1)
            {
                Add(errors, field, "number_one_of", "Must validate one and only one schema (oneOf)");
            }

            if (s.Get("not") is { } not && Passes(not, doc, field))
            {
                Add(errors, field, "number_not", "Must not validate the schema (not)");
            }

            if (s.Get("if") is { } condition)
            {
                if (Passes(condition, doc, field))
                {
                    if (s.Get("then") is { } then && !Passes(then, doc, field))
                    {
                        Add(errors, field, "condition_then", "Must validate \"then\" as \"if\" was valid");
                    }
                }
                else if (s.Get("else") is { } otherwise && !Passes(otherwise, doc, field))
                {
                    Add(errors, field, "condition_else", "Must validate \"else\" as \"if\" was not valid");
                }
            }
        }

        private bool Passes(Value schema, Value doc, string field)
        {
            var inner = new List<Value>();
            Validate(schema, doc, field, inner);
            return inner.Count == 0;
        }

        private void ValidateObject(ObjectValue s, ObjectValue o, string field, List<Value> errors)
        {
            if (s.Get("required") is ArrayValue required)
            {
                foreach (var name in required.Items)
                {
                    if (name is StringValue n && o.Get(n.Value) is null)
                    {
                        Add(errors, field, "required", $"{n.Value} is required");
                    }
                }
            }

            var properties = s.Get("properties") as ObjectValue;
            var patterns = s.Get("patternProperties") as ObjectValue;
            for (var i = 0; i < o.Count; i++)
            {
                var key = o.Keys[i] is StringValue k ? k.Value : o.Keys[i].ToString();
                var childField = Child(field, key);
                var matched = false;
                if (properties?.Get(key) is { } propertySchema)
                {
                    matched = true;
                    Validate(propertySchema, o.Values[i], childField, errors);
                }

                if (patterns is not null)
                {
                    for (var p = 0; p < patterns.Count; p++)
                    {
                        if (patterns.Keys[p] is StringValue pattern && Re2Regex.TryGet(pattern.Value, out var regex, out _) && regex!.IsMatch(key))
                        {
                            matched = true;
                            Validate(patterns.Values[p], o.Values[i], childField, errors);
                        }
                    }
                }

                if (!matched && s.Get("additionalProperties") is { } additional)
                {
                    if (additional is BooleanValue { Value: false })
                    {
                        Add(errors, field, "additional_property_not_allowed", $"Additional property {key} is not allowed");
                    }
                    else if (additional is ObjectValue)
                    {
                        Validate(additional, o.Values[i], childField, errors);
                    }
                }
            }

            if (Int(s, "minProperties") is { } min && o.Count < min)
            {
                Add(errors, field, "array_min_properties", $"Must have at least {min} properties");
            }

            if (Int(s, "maxProperties") is { } max && o.Count > max)
            {
                Add(errors, field, "array_max_properties", $"Must have at most {max} properties");
            }
        }

        private void ValidateArray(ObjectValue s, ArrayValue a, string field, List<Value> errors)
        {
            switch (s.Get("items"))
            {
                case ObjectValue or BooleanValue:
                    for (var i = 0; i < a.Count; i++)
                    {
                        Validate(s.Get("items")!, a[i], Child(field, i.ToString(System.Globalization.CultureInfo.InvariantCulture)), errors);
                    }

                    break;
                case ArrayValue tuple:
                    for (var i = 0; i < a.Count && i < tuple.Count; i++)
                    {
                        Validate(tuple[i], a[i], Child(field, i.ToString(System.Globalization.CultureInfo.InvariantCulture)), errors);
                    }

                    if (a.Count > tuple.Count && s.Get("additionalItems") is BooleanValue { Value: false })
                    {
                        Add(errors, field, "array_no_additional_items", "No additional items allowed on array");
                    }

                    break;
            }

            if (Int(s, "minItems") is { } min && a.Count < min)
            {
                Add(errors, field, "array_min_items", $"Array must have at least {min} items");
            }

            if (Int(s, "maxItems") is { } max && a.Count > max)
            {
                Add(errors, field, "array_max_items", $"Array must have at most {max} items");
            }

            if (s.Get("uniqueItems") is BooleanValue { Value: true })
            {
                for (var i = 0; i < a.Count; i++)
                {
                    for (var j = i + 1; j < a.Count; j++)
                    {
                        if (a[i] == a[j])
                        {
                            Add(errors, field, "unique", $"array items[{i},{j}] must be unique");
                            return;
                        }
                    }
                }
            }

            if (s.Get("contains") is { } contains && !a.Items.ToArray().Any(item => Passes(contains, item, field)))
            {
                Add(errors, field, "contains", "At least one of the items must match");
            }
        }

        private static void ValidateString(ObjectValue s, string text, string field, List<Value> errors)
        {
            var length = CountBuiltins.CountRunes(text);
            if (Int(s, "minLength") is { } min && length < min)
            {
                Add(errors, field, "string_gte", $"String length must be greater than or equal to {min}");
            }

            if (Int(s, "maxLength") is { } max && length > max)
            {
                Add(errors, field, "string_lte", $"String length must be less than or equal to {max}");
            }

            if (s.Get("pattern") is StringValue pattern && Re2Regex.TryGet(pattern.Value, out var regex, out _) && !regex!.IsMatch(text))
            {
                Add(errors, field, "pattern", $"Does not match pattern '{pattern.Value}'");
            }
        }

        private static void ValidateNumber(ObjectValue s, NumberValue n, string field, List<Value> errors)
        {
            if (s.Get("minimum") is NumberValue min)
            {
                var exclusive = s.Get("exclusiveMinimum") is BooleanValue { Value: true };
                if (exclusive ? Value.Compare(n, min) <= 0 : Value.Compare(n, min) < 0)
                {
                    Add(errors, field, exclusive ? "number_gt" : "number_gte", $"Must be greater than {(exclusive ? string.Empty : "or equal to ")}{min}");
                }
            }

            if (s.Get("maximum") is NumberValue max)
            {
                var exclusive = s.Get("exclusiveMaximum") is BooleanValue { Value: true };
                if (exclusive ? Value.Compare(n, max) >= 0 : Value.Compare(n, max) > 0)
                {
                    Add(errors, field, exclusive ? "number_lt" : "number_lte", $"Must be less than {(exclusive ? string.Empty : "or equal to ")}{max}");
                }
            }

            if (s.Get("exclusiveMinimum") is NumberValue xmin && Value.Compare(n, xmin) <= 0)
            {
                Add(errors, field, "number_gt", $"Must be greater than {xmin}");
            }

            if (s.Get("exclusiveMaximum") is NumberValue xmax && Value.Compare(n, xmax) >= 0)
            {
                Add(errors, field, "number_lt", $"Must be less than {xmax}");
            }

            if (s.Get("multipleOf") is NumberValue m && !NumberMath.IsZero(m)
                && NumberMath.Divide(n, m) is NumberValue q && !q.TryGetBigInteger(out _))
            {
                Add(errors, field, "multiple_of", $"Must be a multiple of {m}");
            }
        }

        private Value Resolve(string reference)
        {
            if (reference == "#")
            {
                return root;
            }

            if (!reference.StartsWith("#/", StringComparison.Ordinal))
            {
                throw BuiltinErrors.Fail($"unsupported schema reference {reference}");
            }

            Value? current = root;
            foreach (var part in reference[2..].Split('/'))
            {
                var name = Uri.UnescapeDataString(part).Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
                current = current switch
                {
                    ObjectValue o => o.Get(name),
                    ArrayValue a when int.TryParse(name, out var i) && i >= 0 && i < a.Count => a[i],
                    _ => null,
                };
            }

            return current ?? throw BuiltinErrors.Fail($"schema reference {reference} not found");
        }

        private static bool TypeMatches(Value type, Value doc) => type switch
        {
            StringValue s => Is(s.Value, doc),
            ArrayValue a => a.Items.ToArray().Any(t => t is StringValue s && Is(s.Value, doc)),
            _ => true,
        };

        private static bool Is(string type, Value doc) => type switch
        {
            "integer" => doc is NumberValue n && n.TryGetBigInteger(out _),
            "number" => doc is NumberValue,
            _ => TypeOf(doc) == type || (type == "number" && doc is NumberValue),
        };

        private static string TypeOf(Value doc) => doc switch
        {
            NumberValue n => n.TryGetBigInteger(out _) ? "integer" : "number",
            SetValue => "array",
            _ => doc.TypeName,
        };

        private static BigInteger? Int(ObjectValue s, string key) =>
            s.Get(key) is NumberValue n && n.TryGetBigInteger(out var v) ? v : null;

        private static string Child(string field, string name) => field == "(root)" ? name : field + "." + name;

        private static void Add(List<Value> errors, string field, string type, string description) =>
            errors.Add(Value.NewObject(
                ("error", Value.From($"{field}: {description}")),
                ("type", Value.From(type)),
                ("field", Value.From(field)),
                ("desc", Value.From(description))));
    }
}
