using System.Buffers.Text;

namespace PhiGate.Audit;

/// <summary>A checkpoint must name the head it follows and carry a valid signature from a known key.</summary>
internal sealed partial class AuditVerifier
{
    private (AuditProblemKind Kind, string Text)? CheckCheckpoint(ParsedRecord record, WalkState state)
    {
        if (record.To != state.Sequence || !string.Equals(record.Head, state.HashText, StringComparison.Ordinal))
        {
            return (AuditProblemKind.Modified, $"checkpoint does not state the chain head it follows (sequence {state.Sequence})");
        }

        if (record.From > record.To || record.From <= state.LastCheckpoint && state.LastCheckpoint > 0 || record.From < 1)
        {
            return (AuditProblemKind.Modified, "checkpoint range overlaps the previous checkpoint");
        }

        if (record.KeyId is null || !_keys.TryGetValue(record.KeyId, out var key))
        {
            return (AuditProblemKind.UnknownKey, $"checkpoint signed by key id {Safe(record.KeyId)}, which is not among the given public keys");
        }

        Span<byte> signature = stackalloc byte[72];
        if (record.Signature is null || record.Reason is null || record.Time is null
            || !Base64Url.IsValid(record.Signature, out var length) || length != 64)
        {
            return (AuditProblemKind.BadSignature, "checkpoint signature is missing or malformed");
        }

        var written = Base64Url.DecodeFromChars(record.Signature, signature);
        var payload = RecordLayout.CheckpointPayload(record.From, record.To, record.Head!, record.Time, record.Reason);
        return key.Verify(payload, signature[..written])
            ? null
            : (AuditProblemKind.BadSignature, $"checkpoint signature does not verify with key id {record.KeyId}");
    }

    /// <summary>Key ids read from a file are echoed only when they look like key ids.</summary>
    private static string Safe(string? keyId) => keyId is not null && KeyId.IsValid(keyId) ? keyId : "(invalid)";
}
