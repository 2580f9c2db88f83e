using System.Buffers;
using System.Buffers.Text;
using System.Runtime.CompilerServices;
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

    // A plain array rather than an IBufferWriter: records are built from many tiny pieces.
    private byte[] _buffer = new byte[2048];
    private int _length;
    private bool _comma;

    /// <summary>What has been written so far (a record body: what goes between <c>seq</c> and <c>prev</c>).</summary>
    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);

    /// <summary>Starts a whole object: <c>{</c> (records themselves are written as bodies, see <see cref="StartBody"/>).</summary>
    public void Start()
    {
        _length = 0;
        Raw("{"u8);
        _comma = false;
    }

    /// <summary>Starts a record body: the part after <c>seq</c>, so every property opens with a comma.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void StartBody()
    {
        _length = 0;
        _comma = true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void StartObject(JsonEncodedText name)
    {
        Name(name);
        Raw("{"u8);
        _comma = false;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void EndObject()
    {
        Raw("}"u8);
        _comma = true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void StartArray(JsonEncodedText name)
    {
        Name(name);
        Raw("["u8);
        _comma = false;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void EndArray()
    {
        Raw("]"u8);
        _comma = true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void String(JsonEncodedText name, ReadOnlySpan<char> value)
    {
        Name(name);
        Quoted(value);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void String(JsonEncodedText name, JsonEncodedText value)
    {
        Name(name);
        Raw("\""u8);
        Raw(value.EncodedUtf8Bytes);
        Raw("\""u8);
    }

    /// <summary>A value already known to be plain ASCII (a formatted time).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Ascii(JsonEncodedText name, ReadOnlySpan<byte> value)
    {
        Name(name);
        Raw("\""u8);
        Raw(value);
        Raw("\""u8);
    }

    /// <summary>A property whose name comes from data (a query parameter, a finding category).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void String(ReadOnlySpan<char> name, ReadOnlySpan<char> value)
    {
        Comma();
        Quoted(name);
        Raw(":"u8);
        Quoted(value);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Number(ReadOnlySpan<char> name, long value)
    {
        Comma();
        Quoted(name);
        Raw(":"u8);
        Digits(value);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void StringValue(ReadOnlySpan<char> value)
    {
        Comma();
        Quoted(value);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Number(JsonEncodedText name, long value)
    {
        Name(name);
        Digits(value);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Name(JsonEncodedText name)
    {
        var bytes = name.EncodedUtf8Bytes;
        var span = Reserve(bytes.Length + 4);
        var offset = 0;
        if (_comma)
        {
            span[offset++] = (byte)',';
        }

        span[offset++] = (byte)'"';
        bytes.CopyTo(span[offset..]);
        offset += bytes.Length;
        span[offset++] = (byte)'"';
        span[offset++] = (byte)':';
        _length += offset;
        _comma = true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Comma()
    {
        if (_comma)
        {
            Raw(","u8);
        }

        _comma = true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Quoted(ReadOnlySpan<char> value)
    {
        Raw("\""u8);
        if (!value.ContainsAnyExcept(Plain))
        {
            System.Text.Ascii.FromUtf16(value, Reserve(value.Length), out var written);
            _length += written;
        }
        else
        {
            Raw(JsonEncodedText.Encode(value, JavaScriptEncoder.Default).EncodedUtf8Bytes);
        }

        Raw("\""u8);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Digits(long value)
    {
        Utf8Formatter.TryFormat(value, Reserve(20), out var written);
        _length += written;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Raw(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(Reserve(bytes.Length));
        _length += bytes.Length;
    }

    /// <summary>Room for <paramref name="count"/> more bytes at the end; the caller advances <see cref="_length"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Span<byte> Reserve(int count)
    {
        if (_buffer.Length - _length < count)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + count));
        }

        return _buffer.AsSpan(_length);
    }
}
