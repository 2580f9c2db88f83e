using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using PhiGate.Redaction;
using PhiGate.Redaction.Profiles;

namespace PhiGate.Benchmarks.Redaction;

/// <summary>
/// Throughput of FHIR JSON redaction over all shared bundles (one core), against the baseline of a plain
/// Utf8JsonReader → Utf8JsonWriter copy of the same bytes with the same writer settings. MB/s =
/// total bytes / mean time; the ratio redaction/copy is the figure the target is stated in.
/// </summary>
[MemoryDiagnoser]
public class JsonRedactionBenchmarks
{
    private static readonly JsonWriterOptions CopyOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    private byte[][] _bundles = [];
    private ArrayBufferWriter<byte> _output = new();
    private PhiRedactor _redactor = new();

    /// <summary>Total input bytes per operation (printed once, for the MB/s figure).</summary>
    public long TotalBytes { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        _bundles = SharedBundles.Load();
        TotalBytes = _bundles.Sum(b => (long)b.Length);
        _output = new ArrayBufferWriter<byte>(2 * 1024 * 1024);
        _redactor = new PhiRedactor();
        Console.WriteLine($"// bundles: {_bundles.Length}, total bytes per operation: {TotalBytes}");
    }

    [Benchmark(Baseline = true)]
    public long CopyReaderToWriter()
    {
        long written = 0;
        using var writer = new Utf8JsonWriter(_output, CopyOptions);
        foreach (var bundle in _bundles)
        {
            _output.ResetWrittenCount();
            writer.Reset(_output);
            var reader = new Utf8JsonReader(bundle);
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                        writer.WriteStartObject();
                        break;
                    case JsonTokenType.EndObject:
                        writer.WriteEndObject();
                        break;
                    case JsonTokenType.StartArray:
                        writer.WriteStartArray();
                        break;
                    case JsonTokenType.EndArray:
                        writer.WriteEndArray();
                        break;
                    case JsonTokenType.PropertyName:
                        if (reader.ValueIsEscaped)
                        {
                            writer.WritePropertyName(reader.GetString()!);
                        }
                        else
                        {
                            writer.WritePropertyName(reader.ValueSpan);
                        }

                        break;
                    case JsonTokenType.String:
                        if (reader.ValueIsEscaped)
                        {
                            writer.WriteStringValue(reader.GetString());
                        }
                        else
                        {
                            writer.WriteStringValue(reader.ValueSpan);
                        }

                        break;
                    case JsonTokenType.Number:
                        writer.WriteRawValue(reader.ValueSpan, skipInputValidation: true);
                        break;
                    case JsonTokenType.True:
                        writer.WriteBooleanValue(true);
                        break;
                    case JsonTokenType.False:
                        writer.WriteBooleanValue(false);
                        break;
                    case JsonTokenType.Null:
                        writer.WriteNullValue();
                        break;
                    default:
                        break;
                }
            }

            writer.Flush();
            written += _output.WrittenCount;
        }

        return written;
    }

    [Benchmark]
    public long RedactSafeHarbor() => Redact(BuiltInProfiles.SafeHarbor);

    [Benchmark]
    public long RedactStrict() => Redact(BuiltInProfiles.Strict);

    private long Redact(RedactionProfile profile)
    {
        long written = 0;
        foreach (var bundle in _bundles)
        {
            _output.ResetWrittenCount();
            var result = _redactor.RedactJson(bundle, _output, profile);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException("redaction failed: " + result.Status);
            }

            written += _output.WrittenCount;
        }

        return written;
    }
}
