using System.Text.Json;

namespace PhiGate.Redaction.Tests.Quality;

/// <summary>
/// Walks the original and the redacted document together (same shape) and counts changed leaves:
/// those that held a patient identifier or a date, and the others by field name (never by value).
/// </summary>
internal static class LeafDiff
{
    public static void Compare(
        JsonElement original,
        JsonElement redacted,
        List<(string Category, string Value)> patientValues,
        ref int total,
        ref int changed,
        ref int changedPhi,
        SortedDictionary<string, int> changedOther)
    {
        var t = total;
        var c = changed;
        var p = changedPhi;
        Walk(original, redacted, "$");
        total = t;
        changed = c;
        changedPhi = p;

        void Walk(JsonElement a, JsonElement b, string field)
        {
            Assert.That(b.ValueKind == a.ValueKind || b.ValueKind is JsonValueKind.String or JsonValueKind.Null, Is.True, "the output keeps the input's shape");
            switch (a.ValueKind)
            {
                case JsonValueKind.Object:
                    var names = a.EnumerateObject().Select(x => x.Name).ToList();
                    Assert.That(b.EnumerateObject().Select(x => x.Name), Is.EqualTo(names), "same properties in the same order");
                    foreach (var property in a.EnumerateObject())
                    {
                        Walk(property.Value, b.GetProperty(property.Name), property.Name);
                    }

                    break;
                case JsonValueKind.Array:
                    Assert.That(b.GetArrayLength(), Is.EqualTo(a.GetArrayLength()), "same array lengths");
                    var i = 0;
                    foreach (var item in a.EnumerateArray())
                    {
                        Walk(item, b[i++], field);
                    }

                    break;
                default:
                    t++;
                    var before = a.ValueKind == JsonValueKind.String ? a.GetString()! : a.GetRawText();
                    var after = b.ValueKind == JsonValueKind.String ? b.GetString()! : b.GetRawText();
                    if (before == after)
                    {
                        return;
                    }

                    c++;
                    if (IsDate(before) || patientValues.Any(v => PatientValues.Contains(before, v.Value)))
                    {
                        p++;
                    }
                    else
                    {
                        changedOther[field] = changedOther.GetValueOrDefault(field) + 1;
                    }

                    break;
            }
        }
    }

    private static bool IsDate(string value) =>
        value.Length >= 7 && char.IsAsciiDigit(value[0]) && value[4] == '-' && char.IsAsciiDigit(value[5]);
}
