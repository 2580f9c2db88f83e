using System.Text;
using System.Text.Json;
using PhiGate.Redaction.Detection;
using PhiGate.Redaction.Operators;
using PhiGate.Redaction.Profiles;
using PhiGate.Redaction.Text;

namespace PhiGate.Redaction.Json;

internal sealed partial class JsonRedactionSession
{
    private static readonly JsonEncodedText[] Markers = BuildMarkers();

    /// <summary>Writes the current string token through the profile's operator for <paramref name="category"/>.</summary>
    private void WriteCategory(ref Utf8JsonReader reader, PhiCategory category, bool learn, bool birthDate = false)
    {
        var rule = _operators.Profile[category];
        if (rule.Operator == OperatorKind.Keep)
        {
            CopyString(ref reader);
            return;
        }

        var value = StringBytes(ref reader);
        if (value.IsEmpty)
        {
            _writer.WriteStringValue(value);
            return;
        }

        _counts[(int)category]++;
        if (learn)
        {
            Learn(value, category);
        }

        if (rule.Operator == OperatorKind.Redact)
        {
            _writer.WriteStringValue(Markers[(int)category]);
            return;
        }

        WriteWithOperator(value, category, birthDate, learn: false);
    }

    private void WriteWithOperator(ReadOnlySpan<byte> utf8, PhiCategory category, bool birthDate, bool learn)
    {
        var length = Decode(utf8);
        if (learn)
        {
            _learned.Add(_chars.AsSpan(0, length), category);
        }

        TextRewriter.EnsureCapacity(ref _output, ValueOperators.MaxOutput(length));
        var context = birthDate ? _operators.AsBirthDate(true) : _operators;
        var written = ValueOperators.Apply(_chars.AsSpan(0, length), category, _operators.Profile[category], context, _output);
        _writer.WriteStringValue(_output.AsSpan(0, written));
    }

    /// <summary>
    /// Writes the current string token with every identifier found in it replaced. With
    /// <paramref name="fullScan"/> false only values learned earlier in the document are searched.
    /// </summary>
    private void WriteFreeText(ref Utf8JsonReader reader, bool fullScan, bool conditionalReference = false, bool markup = false)
    {
        var value = StringBytes(ref reader);
        if (!fullScan && _learned.Count == 0)
        {
            _writer.WriteStringValue(value);
            return;
        }

        var length = Decode(value);
        var text = _chars.AsSpan(0, length);
        _matches.Clear();
        if (conditionalReference)
        {
            AddConditionalIdentifiers(text);
        }

        if (markup && text.Contains('<'))
        {
            TextRewriter.EnsureCapacity(ref _masked, length);
            MarkupMask.Blank(text, _masked);
            TextDetector.Detect(_masked.AsSpan(0, length), _matches, _learned, runPatterns: fullScan && !conditionalReference);
        }
        else
        {
            TextDetector.Detect(text, _matches, _learned, runPatterns: fullScan && !conditionalReference);
        }
        if (_matches.Count == 0)
        {
            _writer.WriteStringValue(value);
            return;
        }

        var written = TextRewriter.Rewrite(text, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_matches), _operators, ref _output, ref _counts);
        _writer.WriteStringValue(_output.AsSpan(0, written));
    }

    /// <summary>
    /// The narrative of a Patient, Person, RelatedPerson or Practitioner is generated from its identifiers
    /// and usually comes before them (so nothing is learned yet): the whole content is replaced, the
    /// outer div (with its namespace) is kept so that the narrative stays valid XHTML.
    /// </summary>
    private void WritePersonNarrative(ref Utf8JsonReader reader)
    {
        var value = StringBytes(ref reader);
        var tagEnd = value.IndexOf((byte)'>');
        _counts[(int)PhiCategory.Name]++;
        if (value.StartsWith("<div"u8) && tagEnd > 0 && value[tagEnd - 1] != '/')
        {
            var length = tagEnd + 1 + NarrativeContent.Length + "</div>"u8.Length;
            TextRewriter.EnsureCapacity(ref _bytes, value.Length + length);
            var buffer = _bytes.AsSpan(value.Length, length);
            value[..(tagEnd + 1)].CopyTo(buffer);
            NarrativeContent.CopyTo(buffer[(tagEnd + 1)..]);
            "</div>"u8.CopyTo(buffer[(tagEnd + 1 + NarrativeContent.Length)..]);
            _writer.WriteStringValue(buffer);
            return;
        }

        _writer.WriteStringValue("<div xmlns=\"http://www.w3.org/1999/xhtml\">[REDACTED]</div>"u8);
    }

    private static ReadOnlySpan<byte> NarrativeContent => "[REDACTED]"u8;

    /// <summary>"Type?identifier=system|value&amp;..." → the value parts.</summary>
    private void AddConditionalIdentifiers(ReadOnlySpan<char> text)
    {
        var position = Math.Max(text.IndexOf('?'), 0);
        while (position < text.Length)
        {
            var pipe = text[position..].IndexOf('|');
            if (pipe < 0)
            {
                return;
            }

            var start = position + pipe + 1;
            var end = text[start..].IndexOf('&');
            end = end < 0 ? text.Length : start + end;
            if (end > start)
            {
                var system = text[position..start];
                var category = system.Contains("us-ssn", StringComparison.Ordinal) ? PhiCategory.Ssn
                    : system.Contains("us-npi", StringComparison.Ordinal) ? PhiCategory.LicenseNumber
                    : PhiCategory.OtherId;
                _matches.Add(new PhiMatch(start, end - start, category));
            }

            position = end + 1;
        }
    }

    private void Learn(ReadOnlySpan<byte> utf8, PhiCategory category)
    {
        var length = Decode(utf8);
        _learned.Add(_chars.AsSpan(0, length), category);
    }

    private int Decode(ReadOnlySpan<byte> utf8)
    {
        TextRewriter.EnsureCapacity(ref _chars, utf8.Length);
        return Encoding.UTF8.GetChars(utf8, _chars);
    }

    private static JsonEncodedText[] BuildMarkers()
    {
        var markers = new JsonEncodedText[PhiCategories.Count];
        for (var i = 0; i < markers.Length; i++)
        {
            markers[i] = JsonEncodedText.Encode(((PhiCategory)i).Marker(), System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping);
        }

        return markers;
    }
}
