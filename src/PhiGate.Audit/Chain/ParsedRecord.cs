using System.Text;

namespace PhiGate.Audit;

/// <summary>
/// What the verifier and the restart logic need from one record line. The chain fields are kept as
/// raw base64url bytes so following the chain allocates nothing; strings are made on demand.
/// </summary>
internal sealed class ParsedRecord
{
    private readonly byte[] _prev = new byte[RecordLayout.HashChars];
    private readonly byte[] _hash = new byte[RecordLayout.HashChars];

    public long Sequence { get; set; }

    public RecordType Type { get; set; }

    /// <summary>The <c>time</c> field exactly as written; read for checkpoints only (their signature covers it).</summary>
    public string? Time { get; set; }

    public ReadOnlySpan<byte> PrevBytes => _prev;

    public ReadOnlySpan<byte> HashBytes => _hash;

    public string Prev => Encoding.ASCII.GetString(_prev);

    public string Hash => Encoding.ASCII.GetString(_hash);

    public long From { get; set; }

    public long To { get; set; }

    public string? Head { get; set; }

    public string? Reason { get; set; }

    public string? KeyId { get; set; }

    public string? Signature { get; set; }

    internal void SetChain(ReadOnlySpan<byte> prev, ReadOnlySpan<byte> hash)
    {
        prev.CopyTo(_prev);
        hash.CopyTo(_hash);
    }
}
