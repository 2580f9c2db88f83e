using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using PhiGate.Redaction.Detection;
using PhiGate.Redaction.Operators;

namespace PhiGate.Redaction.Json;

/// <summary>
/// One single-pass, streaming JSON redaction: Utf8JsonReader tokens in, Utf8JsonWriter tokens out, with
/// a stack of <see cref="JsonFrame"/>s that tracks where in a FHIR resource (or generic document) each
/// value sits. Not thread-safe: one session per thread, reused between documents (buffers are kept).
/// </summary>
/// <remarks>
/// Per token: 1. containers push a frame whose context is derived from the parent and the property;
/// 2. property names are classified by a precomputed table; 3. strings and numbers are copied unless
/// the context or the field says they carry an identifier, in which case the profile's operator is
/// applied; 4. free-text fields go through the text detectors. Values are never buffered beyond one token.
/// </remarks>
internal sealed partial class JsonRedactionSession : IDisposable
{
    public const int MaxDepth = 128;

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // The output keeps the input's characters: no HTML-style escaping of '<', '&' or non-ASCII.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
        Indented = false,
    };

    private readonly Utf8JsonWriter _writer = new(new ArrayBufferWriter<byte>(1), WriterOptions);
    private readonly LearnedValues _learned = new();
    private readonly FieldNameCache _names = new();
    private readonly List<PhiMatch> _matches = [];
    private JsonFrame[] _frames = new JsonFrame[32];
    private int _depth;
    private FieldKind _field;
    private PhiCategory _fieldCategory;
    private OperatorContext _operators;
    private RedactionCounts _counts;
    private char[] _chars = ArrayPool<char>.Shared.Rent(1024);
    private char[] _output = ArrayPool<char>.Shared.Rent(1024);
    private byte[] _bytes = ArrayPool<byte>.Shared.Rent(1024);
    private char[] _masked = ArrayPool<char>.Shared.Rent(1024);
    private bool _sawToken;

    public static JsonReaderOptions ReaderOptions { get; } = new()
    {
        MaxDepth = MaxDepth + 1,
        CommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
    };

    public ref RedactionCounts Counts => ref _counts;

    public void Begin(IBufferWriter<byte> output, in OperatorContext operators)
    {
        _writer.Reset(output);
        _operators = operators;
        _counts = default;
        _learned.Clear();
        _depth = 0;
        _field = FieldKind.Unknown;
        _fieldCategory = PhiCategory.None;
        _sawToken = false;
    }

    /// <summary>Processes tokens until the reader needs more data. Returns false when the document nests too deep.</summary>
    public bool Pump(ref Utf8JsonReader reader)
    {
        while (reader.Read())
        {
            _sawToken = true;
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    if (!Push(isArray: false))
                    {
                        return false;
                    }

                    _writer.WriteStartObject();
                    break;
                case JsonTokenType.StartArray:
                    if (!Push(isArray: true))
                    {
                        return false;
                    }

                    _writer.WriteStartArray();
                    break;
                case JsonTokenType.EndObject:
                    _writer.WriteEndObject();
                    _depth--;
                    break;
                case JsonTokenType.EndArray:
                    _writer.WriteEndArray();
                    _depth--;
                    break;
                case JsonTokenType.PropertyName:
                    OnPropertyName(ref reader);
                    break;
                case JsonTokenType.String:
                    OnString(ref reader);
                    break;
                case JsonTokenType.Number:
                    OnNumber(ref reader);
                    break;
                case JsonTokenType.True:
                    _writer.WriteBooleanValue(true);
                    break;
                case JsonTokenType.False:
                    _writer.WriteBooleanValue(false);
                    break;
                case JsonTokenType.Null:
                    _writer.WriteNullValue();
                    break;
                default:
                    break;
            }
        }

        return true;
    }

    /// <summary>True when a whole document was read and every container closed.</summary>
    public bool IsComplete => _sawToken && _depth == 0;

    public void Flush() => _writer.Flush();

    public long BytesPending => _writer.BytesPending;

    public void Dispose()
    {
        _writer.Dispose();
        ArrayPool<char>.Shared.Return(_chars);
        ArrayPool<char>.Shared.Return(_output);
        ArrayPool<byte>.Shared.Return(_bytes);
        ArrayPool<char>.Shared.Return(_masked);
    }

    private bool Push(bool isArray)
    {
        if (_depth >= MaxDepth)
        {
            return false;
        }

        if (_depth == _frames.Length)
        {
            Array.Resize(ref _frames, _frames.Length * 2);
        }

        var (field, category) = EffectiveField();
        JsonFrame frame;
        if (_depth == 0)
        {
            frame = new JsonFrame { Resource = ResourceKind.Unknown, Context = FieldContext.None };
        }
        else
        {
            ref var parent = ref _frames[_depth - 1];
            frame = new JsonFrame
            {
                Resource = parent.Resource,
                Context = DeriveContext(parent.Context, parent.Resource, field),
            };
            if (field == FieldKind.Resource && !isArray)
            {
                // A new resource starts: unknown (so treated as the most sensitive) until its resourceType.
                frame.Resource = ResourceKind.Unknown;
                frame.Context = FieldContext.None;
            }
        }

        frame.Field = field;
        frame.FieldCategory = category;
        frame.IsArray = isArray;
        _frames[_depth++] = frame;
        _field = FieldKind.Unknown;
        _fieldCategory = PhiCategory.None;
        return true;
    }

    private static FieldContext DeriveContext(FieldContext parent, ResourceKind resource, FieldKind field) => field switch
    {
        _ when parent == FieldContext.Photo => FieldContext.Photo,
        FieldKind.Name => FieldContext.HumanName,
        FieldKind.Address => FieldContext.Address,
        // An organization's own phone numbers are not an individual's identifiers.
        FieldKind.Telecom => resource == ResourceKind.Organization ? FieldContext.None : FieldContext.Telecom,
        FieldKind.Identifier => resource == ResourceKind.Organization ? FieldContext.None : FieldContext.Identifier,
        FieldKind.Photo => FieldContext.Photo,
        FieldKind.Text => FieldContext.Narrative,
        FieldKind.Note => FieldContext.Annotation,
        FieldKind.Extension => parent is FieldContext.Address or FieldContext.HumanName or FieldContext.Telecom ? parent : FieldContext.Extension,
        FieldKind.Resource => FieldContext.None,
        _ => parent,
    };

    private (FieldKind Field, PhiCategory Category) EffectiveField()
    {
        if (_depth > 0 && _frames[_depth - 1].IsArray)
        {
            ref var top = ref _frames[_depth - 1];
            return (top.Field, top.FieldCategory);
        }

        return (_field, _fieldCategory);
    }

    private void OnPropertyName(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped)
        {
            var length = Unescape(ref reader);
            var name = _bytes.AsSpan(0, length);
            (_field, _fieldCategory) = _names.Classify(name);
            _writer.WritePropertyName(name);
            return;
        }

        var raw = reader.ValueSpan;
        (_field, _fieldCategory) = _names.Classify(raw);
        _writer.WritePropertyName(raw);
    }

    private void OnNumber(ref Utf8JsonReader reader)
    {
        var (field, fieldCategory) = EffectiveField();
        var category = field switch
        {
            FieldKind.Phi => fieldCategory,
            FieldKind.BirthDate => PhiCategory.Date,
            FieldKind.Keep => PhiCategory.None,

            // Inside an address every number is geographic (the geolocation extension's latitude/longitude).
            _ when _frames[_depth - 1].Context == FieldContext.Address => PhiCategory.Address,
            _ => PhiCategory.None,
        };
        var rule = _operators.Profile[category];
        if (rule.Operator == Profiles.OperatorKind.Keep)
        {
            _writer.WriteRawValue(reader.ValueSpan, skipInputValidation: true);
            return;
        }

        _counts[(int)category]++;
        if (rule.Operator == Profiles.OperatorKind.Redact)
        {
            // A number stays a JSON scalar: null rather than a marker string of another type.
            _writer.WriteNullValue();
            return;
        }

        WriteWithOperator(reader.ValueSpan, category, birthDate: false, learn: false);
    }

    /// <summary>Copies the current string token unchanged.</summary>
    private void CopyString(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped)
        {
            var length = Unescape(ref reader);
            _writer.WriteStringValue(_bytes.AsSpan(0, length));
            return;
        }

        _writer.WriteStringValue(reader.ValueSpan);
    }

    /// <summary>The unescaped UTF-8 value of the current string token (valid until the next token).</summary>
    private ReadOnlySpan<byte> StringBytes(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped)
        {
            return reader.ValueSpan;
        }

        var length = Unescape(ref reader);
        return _bytes.AsSpan(0, length);
    }

    private int Unescape(ref Utf8JsonReader reader)
    {
        Text.TextRewriter.EnsureCapacity(ref _bytes, reader.ValueSpan.Length);
        return reader.CopyString(_bytes);
    }
}
