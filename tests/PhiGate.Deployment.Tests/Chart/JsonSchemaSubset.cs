using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace PhiGate.Deployment.Tests.Chart;

/// <summary>
/// A validator for the part of JSON Schema (draft 7) that values.schema.json uses. Any other keyword
/// in the schema is a test failure (see <see cref="UnknownKeywords"/>), so nothing is silently skipped.
/// </summary>
internal sealed class JsonSchemaSubset
{
    /// <summary>Keywords that constrain values, each implemented below.</summary>
    public static readonly IReadOnlySet<string> Validating = new HashSet<string>(StringComparer.Ordinal)
    {
        "$ref", "type", "properties", "additionalProperties", "required", "items", "enum", "not",
        "minimum", "maximum", "minLength", "maxLength", "pattern",
    };

    /// <summary>Keywords that only annotate or hold definitions.</summary>
    public static readonly IReadOnlySet<string> Annotating = new HashSet<string>(StringComparer.Ordinal)
    {
        "$schema", "title", "description", "definitions",
    };

    private readonly JsonObject _root;

    public JsonSchemaSubset(JsonObject root) => _root = root;

    public static JsonSchemaSubset Load(string path) =>
        new(JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new InvalidOperationException("schema is not an object"));

    /// <summary>Every violation as "path: problem"; empty when the instance is valid.</summary>
    public IReadOnlyList<string> Validate(JsonNode? instance)
    {
        var errors = new List<string>();
        Check(_root, instance, "$", errors);
        return errors;
    }

    /// <summary>Every schema keyword this validator does not know, with its location.</summary>
    public IReadOnlyList<string> UnknownKeywords()
    {
        var unknown = new List<string>();
        WalkSchemas(_root, "#", (schema, path) =>
        {
            unknown.AddRange(schema.Select(p => p.Key)
                .Where(key => !Validating.Contains(key) && !Annotating.Contains(key))
                .Select(key => $"{path}/{key}"));
        });
        return unknown;
    }

    /// <summary>Calls <paramref name="visit"/> for the root schema and every nested one.</summary>
    public void WalkSchemas(Action<JsonObject, string> visit) => WalkSchemas(_root, "#", visit);

    public JsonObject Resolve(JsonObject schema)
    {
        while (schema["$ref"]?.GetValue<string>() is { } reference)
        {
            if (!reference.StartsWith("#/", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"only local references are supported: {reference}");
            }

            JsonNode? node = _root;
            foreach (var part in reference[2..].Split('/'))
            {
                node = node?[part];
            }

            schema = node as JsonObject ?? throw new InvalidOperationException($"unresolved reference {reference}");
        }

        return schema;
    }

    private static void WalkSchemas(JsonObject schema, string path, Action<JsonObject, string> visit)
    {
        visit(schema, path);
        foreach (var map in new[] { "properties", "definitions" })
        {
            if (schema[map] is JsonObject children)
            {
                foreach (var (name, child) in children)
                {
                    if (child is JsonObject childSchema)
                    {
                        WalkSchemas(childSchema, $"{path}/{map}/{name}", visit);
                    }
                }
            }
        }

        foreach (var single in new[] { "items", "additionalProperties", "not" })
        {
            if (schema[single] is JsonObject childSchema)
            {
                WalkSchemas(childSchema, $"{path}/{single}", visit);
            }
        }
    }

    private void Check(JsonObject schema, JsonNode? value, string path, List<string> errors)
    {
        schema = Resolve(schema);
        if (schema["type"] is { } type && !MatchesType(type, value))
        {
            errors.Add($"{path}: expected {type.ToJsonString()}, found {Describe(value)}");
            return;
        }

        if (schema["enum"] is JsonArray allowed && !allowed.Any(option => JsonNode.DeepEquals(option, value)))
        {
            errors.Add($"{path}: {Describe(value)} is not one of {allowed.ToJsonString()}");
        }

        if (schema["not"] is JsonObject forbidden)
        {
            var inner = new List<string>();
            Check(forbidden, value, path, inner);
            if (inner.Count == 0)
            {
                errors.Add($"{path}: {Describe(value)} is not allowed");
            }
        }

        switch (value)
        {
            case JsonObject instance:
                CheckObject(schema, instance, path, errors);
                break;
            case JsonArray array when schema["items"] is JsonObject items:
                for (var i = 0; i < array.Count; i++)
                {
                    Check(items, array[i], $"{path}[{i}]", errors);
                }

                break;
            case JsonValue scalar:
                CheckScalar(schema, scalar, path, errors);
                break;
        }
    }

    private void CheckObject(JsonObject schema, JsonObject instance, string path, List<string> errors)
    {
        var properties = schema["properties"] as JsonObject;
        foreach (var required in (schema["required"] as JsonArray ?? []).Select(r => r!.GetValue<string>()))
        {
            if (!instance.ContainsKey(required))
            {
                errors.Add($"{path}: required key '{required}' is missing");
            }
        }

        foreach (var (key, child) in instance)
        {
            if (properties?[key] is JsonObject propertySchema)
            {
                Check(propertySchema, child, $"{path}.{key}", errors);
            }
            else if (schema["additionalProperties"] is JsonObject extra)
            {
                Check(extra, child, $"{path}.{key}", errors);
            }
            else if (schema["additionalProperties"]?.GetValueKind() == JsonValueKind.False)
            {
                errors.Add($"{path}: unknown key '{key}'");
            }
        }
    }

    private static void CheckScalar(JsonObject schema, JsonValue scalar, string path, List<string> errors)
    {
        if (scalar.GetValueKind() == JsonValueKind.Number)
        {
            var number = Number(scalar);
            if (schema["minimum"] is { } minimum && number < Number(minimum))
            {
                errors.Add($"{path}: {number} is below the minimum {minimum}");
            }

            if (schema["maximum"] is { } maximum && number > Number(maximum))
            {
                errors.Add($"{path}: {number} is above the maximum {maximum}");
            }
        }

        if (scalar.GetValueKind() != JsonValueKind.String)
        {
            return;
        }

        var text = scalar.GetValue<string>();
        if (schema["minLength"] is { } minLength && text.Length < minLength.GetValue<int>())
        {
            errors.Add($"{path}: shorter than {minLength} characters");
        }

        if (schema["maxLength"] is { } maxLength && text.Length > maxLength.GetValue<int>())
        {
            errors.Add($"{path}: longer than {maxLength} characters");
        }

        if (schema["pattern"]?.GetValue<string>() is { } pattern && !Regex.IsMatch(text, pattern, RegexOptions.None, TimeSpan.FromSeconds(1)))
        {
            errors.Add($"{path}: '{text}' does not match {pattern}");
        }
    }

    private static bool MatchesType(JsonNode type, JsonNode? value) => type switch
    {
        JsonArray options => options.Any(option => option is not null && MatchesType(option, value)),
        _ => type.GetValue<string>() switch
        {
            "object" => value is JsonObject,
            "array" => value is JsonArray,
            "string" => value?.GetValueKind() == JsonValueKind.String,
            "boolean" => value?.GetValueKind() is JsonValueKind.True or JsonValueKind.False,
            "number" => value?.GetValueKind() == JsonValueKind.Number,
            "integer" => value?.GetValueKind() == JsonValueKind.Number && Math.Abs(Number(value) % 1) < double.Epsilon,
            "null" => value is null,
            var other => throw new InvalidOperationException($"unknown type '{other}'"),
        },
    };

    /// <summary>Any JSON number as a double, whether parsed or built from a long.</summary>
    private static double Number(JsonNode node) => double.Parse(node.ToJsonString(), CultureInfo.InvariantCulture);

    private static string Describe(JsonNode? value) => value is null ? "null" : value.ToJsonString();
}
