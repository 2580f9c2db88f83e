using System.Buffers;
using System.Buffers.Text;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace PhiGate.Audit;

/// <summary>
/// Writes one record's JSON into a reusable buffer: a minimal forward-only writer for the fixed record
/// shape, with the same escaping as <see cref="Utf8JsonWriter"/> under <see cref="JavaScriptEncoder.Default"/>.
/// </summary>
/// <remarks>
/// Almost every value is plain ASCII (ids, codes, templates, digests): one vectorized check proves that
/// nothing needs escaping and the characters are copied as bytes. Anything else goes through
/// <see cref="JsonEncodedText"/>, so escaping rules never diverge from the framework's.
/// </remarks>
internal sealed class RecordWriter
{
    // Printable ASCII minus what JavaScriptEncoder.Default escapes: " & ' + < > \ and the backtick.
    private static readonly SearchValues<char> Plain = SearchValues.Create(
        " !#$%()*,-./0123456789:;=?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_abcdefghijklmnopqrstuvwxyz{|}~");

    private readonly ArrayBufferWriter<byte> _buffer = new(1024);
    private bool _comma;

    /// <summary>The record so far (no closing brace).</summary>
    public ReadOnlySpan<byte> Written => _buffer.WrittenSpan;

    /// <summary>Starts a record: <c>{</c>.</summary>
    public void Start()
    {
        _buffer.ResetWrittenCount();
        Raw("{"u8);
        _comma = false;
    }

    public void StartObject(JsonEncodedText name)
    {
        Name(name);
        Raw("{"u8);
        _comma = false;
    }

    public void EndObject()
    {
        Raw("}"u8);
        _comma = true;
    }

    public void StartArray(JsonEncodedText name)
    {
        Name(name);
        Raw("["u8);
        _comma = false;
    }

    public void EndArray()
    {
        Raw("]"u8);
        _comma = true;
    }

    public void String(JsonEncodedText name, ReadOnlySpan<char> value)
    {
        Name(name);
        Quoted(value);
    }

    public void String(JsonEncodedText name, JsonEncodedText value)
    {
        Name(name);
        Raw("\""u8);
        Raw(value.EncodedUtf8Bytes);
        Raw("\""u8);
    }

    /// <summary>A value already known to be plain ASCII (a formatted time).</summary>
    public void Ascii(JsonEncodedText name, ReadOnlySpan<byte> value)
    {
        Name(name);
        Raw("\""u8);
        Raw(value);
        Raw("\""u8);
    }

    /// <summary>A property whose name comes from data (a query parameter, a finding category).</summary>
    public void String(ReadOnlySpan<char> name, ReadOnlySpan<char> value)
    {
        Comma();
        Quoted(name);
        Raw(":"u8);
        Quoted(value);
    }

    public void Number(ReadOnlySpan<char> name, long value)
    {
        Comma();
        Quoted(name);
        Raw(":"u8);
        Digits(value);
    }

    public void StringValue(ReadOnlySpan<char> value)
    {
        Comma();
        Quoted(value);
    }

    public void Number(JsonEncodedText name, long value)
    {
        Name(name);
        Digits(value);
    }

    private void Name(JsonEncodedText name)
    {
        Comma();
        Raw("\""u8);
        Raw(name.EncodedUtf8Bytes);
        Raw("\":"u8);
    }

    private void Comma()
    {
        if (_comma)
        {
            Raw(","u8);
        }

        _comma = true;
    }

    private void Quoted(ReadOnlySpan<char> value)
    {
        Raw("\""u8);
        if (!value.ContainsAnyExcept(Plain))
        {
            var span = _buffer.GetSpan(value.Length);
            System.Text.Ascii.FromUtf16(value, span, out var written);
            _buffer.Advance(written);
        }
        else
        {
            Raw(JsonEncodedText.Encode(value, JavaScriptEncoder.Default).EncodedUtf8Bytes);
        }

        Raw("\""u8);
    }

    private void Digits(long value)
    {
        var span = _buffer.GetSpan(20);
        Utf8Formatter.TryFormat(value, span, out var written);
        _buffer.Advance(written);
    }

    private void Raw(ReadOnlySpan<byte> bytes) => _buffer.Write(bytes);
}
