using System.Buffers.Text;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;

namespace PhiGate.Audit;

/// <summary>
/// The byte layout shared by the writer and the verifier. A record is one JSON object on one line:
/// <c>{"v":1,"seq":N,"time":"...","type":"...",...,"prev":"P","hash":"H"}</c> where <c>P</c> is the
/// <c>hash</c> of the record before it (43 zeros-hash for the first record) and
/// <c>H = base64url(SHA-256(every byte before ,"hash":))</c>. Both fields have a fixed length and sit at
/// fixed offsets from the end of the line, so the verifier never has to parse JSON to follow the chain.
/// </summary>
internal static class RecordLayout
{
    public const int SchemaVersion = 1;
    public const int HashChars = 43;

    /// <summary><c>,"hash":"</c> + 43 + <c>"}</c>.</summary>
    public const int HashSuffixLength = 9 + HashChars + 2;

    /// <summary><c>,"prev":"</c> + 43 + <c>"</c>, directly before the hash suffix.</summary>
    public const int PrevFieldLength = 9 + HashChars + 1;

    public const string CheckpointSignatureContext = "phigate-audit-checkpoint:v1";

    public static ReadOnlySpan<byte> HashOpening => ",\"hash\":\""u8;

    public static ReadOnlySpan<byte> PrevOpening => ",\"prev\":\""u8;

    /// <summary>The <c>prev</c> of the very first record.</summary>
    public static readonly string GenesisHash = Base64Url.EncodeToString(new byte[SHA256.HashSizeInBytes]);

    /// <summary>Bytes of a formatted time: <c>yyyy-MM-ddTHH:mm:ss.fffffffZ</c>.</summary>
    public const int TimeLength = 28;

    /// <summary>
    /// <see cref="FormatTime(DateTimeOffset)"/> as ASCII into <paramref name="destination"/>
    /// (<see cref="TimeLength"/> bytes) without the culture machinery: it runs once per record.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void FormatTime(DateTimeOffset time, Span<byte> destination)
    {
        var utc = time.UtcDateTime;
        Digits(destination[..4], utc.Year);
        destination[4] = (byte)'-';
        Digits(destination.Slice(5, 2), utc.Month);
        destination[7] = (byte)'-';
        Digits(destination.Slice(8, 2), utc.Day);
        destination[10] = (byte)'T';
        Digits(destination.Slice(11, 2), utc.Hour);
        destination[13] = (byte)':';
        Digits(destination.Slice(14, 2), utc.Minute);
        destination[16] = (byte)':';
        Digits(destination.Slice(17, 2), utc.Second);
        destination[19] = (byte)'.';
        Digits(destination.Slice(20, 7), (int)(utc.Ticks % TimeSpan.TicksPerSecond));
        destination[27] = (byte)'Z';
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Digits(Span<byte> destination, int value)
    {
        for (var i = destination.Length - 1; i >= 0; i--)
        {
            destination[i] = (byte)('0' + (value % 10));
            value /= 10;
        }
    }

    public static string FormatTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The bytes a checkpoint signature covers.</summary>
    public static byte[] CheckpointPayload(long from, long to, string head, string time, string reason) =>
        System.Text.Encoding.UTF8.GetBytes($"{CheckpointSignatureContext}\n{from}\n{to}\n{head}\n{time}\n{reason}");
}
