using System.Text.Json;

namespace PhiGate.Redaction.Tests.Quality;

/// <summary>Collects the identifying values of every Patient in a bundle, by report category.</summary>
internal static class PatientValues
{
    public static List<(string Category, string Value)> Collect(JsonElement bundle)
    {
        var values = new List<(string, string)>();
        foreach (var entry in bundle.GetProperty("entry").EnumerateArray())
        {
            var resource = entry.GetProperty("resource");
            if (resource.GetProperty("resourceType").GetString() != "Patient")
            {
                continue;
            }

            foreach (var name in Array(resource, "name"))
            {
                Add(values, "name.family", name, "family");
                foreach (var given in Array(name, "given"))
                {
                    values.Add(("name.given", given.GetString()!));
                }
            }

            foreach (var identifier in Array(resource, "identifier"))
            {
                var code = identifier.TryGetProperty("type", out var type) ? type.GetProperty("coding")[0].GetProperty("code").GetString() : "other";
                var category = code switch
                {
                    "SS" => "identifier.ssn",
                    "MR" => "identifier.mrn",
                    "DL" => "identifier.licence",
                    "PPN" => "identifier.passport",
                    _ => "identifier.other",
                };
                Add(values, category, identifier, "value");
            }

            foreach (var telecom in Array(resource, "telecom"))
            {
                Add(values, "telecom", telecom, "value");
            }

            foreach (var address in Array(resource, "address"))
            {
                foreach (var line in Array(address, "line"))
                {
                    values.Add(("address.line", line.GetString()!));
                }

                Add(values, "address.city", address, "city");
                Add(values, "address.postal_code", address, "postalCode");
            }

            Add(values, "birth_date", resource, "birthDate");
            Add(values, "deceased_date", resource, "deceasedDateTime");
        }

        return values;
    }

    /// <summary>
    /// True when <paramref name="value"/> occurs in <paramref name="text"/> as a whole word, ignoring case.
    /// </summary>
    public static bool Contains(string text, string value)
    {
        var offset = 0;
        while (true)
        {
            var index = text.IndexOf(value, offset, StringComparison.OrdinalIgnoreCase);
            if (index < 0)
            {
                return false;
            }

            var end = index + value.Length;
            if ((index == 0 || !char.IsLetterOrDigit(text[index - 1])) && (end == text.Length || !char.IsLetterOrDigit(text[end])))
            {
                return true;
            }

            offset = index + 1;
        }
    }

    private static void Add(List<(string, string)> values, string category, JsonElement element, string property)
    {
        if (element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String && value.GetString()!.Length > 0)
        {
            values.Add((category, value.GetString()!));
        }
    }

    private static IEnumerable<JsonElement> Array(JsonElement element, string property) =>
        element.TryGetProperty(property, out var array) && array.ValueKind == JsonValueKind.Array ? array.EnumerateArray() : [];
}
