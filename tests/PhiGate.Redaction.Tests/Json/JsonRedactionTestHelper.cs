using System.Buffers;
using System.Text;
using PhiGate.Redaction.Operators;
using PhiGate.Redaction.Profiles;

namespace PhiGate.Redaction.Tests.Json;

internal static class JsonRedactionTestHelper
{
    public static readonly DateTimeOffset Now = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    public static (RedactionResult Result, string Output) Redact(string json, RedactionProfile profile, PseudonymKeyRing? keys = null)
    {
        var redactor = new PhiRedactor(keys, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Now));
        var output = new ArrayBufferWriter<byte>();
        var result = redactor.RedactJson(Encoding.UTF8.GetBytes(json), output, profile);
        return (result, Encoding.UTF8.GetString(output.WrittenSpan));
    }

    /// <summary>Compacts hand-written expected JSON so tests can be written indented.</summary>
    public static string Compact(string json)
    {
        using var document = System.Text.Json.JsonDocument.Parse(json);
        var output = new ArrayBufferWriter<byte>();
        using (var writer = new System.Text.Json.Utf8JsonWriter(output, new System.Text.Json.JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            document.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(output.WrittenSpan);
    }
}
