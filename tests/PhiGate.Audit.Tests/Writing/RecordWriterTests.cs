using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace PhiGate.Audit.Tests;

/// <summary>The record writer escapes exactly as the framework's JSON writer does under the default encoder.</summary>
public class RecordWriterTests
{
    [TestCase("plain-request-id_42")]
    [TestCase("/fhir/Patient/{id}/_history/{id}")]
    [TestCase("hmac-sha256:k1:3q2-7wAbc_")]
    [TestCase("quote\" and back\\slash")]
    [TestCase("<script>&'+`")]
    [TestCase("café")]
    [TestCase("emoji 😀")]
    [TestCase("line\nbreak\ttab\u0001control\u007f")]
    [TestCase("")]
    [TestCase("lone \ud800 surrogate")]
    public void String_AnyText_SameBytesAsUtf8JsonWriter(string value)
    {
        // Arrange
        var writer = new RecordWriter();
        var expected = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(expected, new JsonWriterOptions { Encoder = JavaScriptEncoder.Default, SkipValidation = true }))
        {
            json.WriteStartObject();
            json.WriteNumber("v", 1);
            json.WriteString("name", value);
            json.WriteStartArray("list");
            json.WriteStringValue(value);
            json.WriteStringValue("x");
            json.WriteEndArray();
            json.WriteStartObject("map");
            json.WriteString(value, "y");
            json.WriteNumber("n", -5);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        // Act
        writer.Start();
        writer.Number(JsonEncodedText.Encode("v"), 1);
        writer.String(JsonEncodedText.Encode("name"), value);
        writer.StartArray(JsonEncodedText.Encode("list"));
        writer.StringValue(value);
        writer.StringValue("x");
        writer.EndArray();
        writer.StartObject(JsonEncodedText.Encode("map"));
        writer.String(value, "y");
        writer.Number("n", -5);
        writer.EndObject();

        // Assert: the framework's output ends with the closing brace the record writer leaves to the hash.
        Assert.That(Encoding.UTF8.GetString(writer.Written), Is.EqualTo(Encoding.UTF8.GetString(expected.WrittenSpan[..^1])));
    }
}
