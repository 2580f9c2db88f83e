using System.Buffers;
using System.Security.Cryptography;
using PhiGate.Audit;

namespace PhiGate.Benchmarks.Audit;

/// <summary>Builds realistic trails for the audit benchmarks without going through the writer's timing.</summary>
internal static class AuditBenchData
{
    public static DecisionEvent Decision(HmacKey key, int n) => new()
    {
        RequestId = $"0f8fad5b-d9cb-469f-a165-{n:D12}",
        TraceId = "4bf92f3577b34da6a3ce929d0e0e4736",
        Decision = n % 5 == 0 ? AuditDecision.Deny : AuditDecision.Allow,
        ReasonCode = n % 5 == 0 ? "policy_deny" : "policy_allow",
        HttpStatus = n % 5 == 0 ? 403 : 200,
        PolicyRevision = "bundle-2026-03-01.7",
        Route = new AuditRoute
        {
            Method = "GET",
            PathTemplate = "/fhir/Patient/{id}/Observation",
            ResourceIds = [key.Digest($"patient-{n % 1000}")],
        },
        Client = new AuditClient
        {
            CertificateThumbprint = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
            SpiffeId = "spiffe://cluster.local/ns/ehr/sa/frontend",
            Issuer = "https://idp.example/realms/clinic",
            ClientId = "ehr-frontend",
            Subject = key.Digest($"user-{n % 200}"),
            Scopes = ["patient/*.read", "openid"],
            SourceAddress = key.Digest("10.1.2.3"),
        },
    };

    public static HmacKey Key() => new("bench", RandomNumberGenerator.GetBytes(32));

    /// <summary>Writes <paramref name="events"/> decision records with a checkpoint every 1000 into 64 MiB files.</summary>
    public static void WriteTrail(string directory, int events, ECDsa signing, TimeProvider time)
    {
        Directory.CreateDirectory(directory);
        var key = Key();
        using var signer = CheckpointSigningKey.FromPem(signing.ExportPkcs8PrivateKeyPem(), "bench").Value!;
        using var encoder = new RecordEncoder();
        var buffer = new ArrayBufferWriter<byte>(1 << 20);
        var at = ChainPosition.Genesis;
        var fileIndex = 0L;
        FileStream? file = null;
        try
        {
            for (var i = 0; i < events; i++)
            {
                if (file is null || file.Length > 64L << 20)
                {
                    if (file is not null)
                    {
                        at = encoder.AppendCheckpoint(buffer, at, time.GetUtcNow(), CheckpointReason.Rotation, signer);
                        file.Write(buffer.WrittenSpan);
                        buffer.ResetWrittenCount();
                        file.Dispose();
                    }

                    file = File.Create(Path.Combine(directory, AuditFileName.Format(++fileIndex, time.GetUtcNow())));
                }

                at = encoder.AppendDecision(buffer, at, time.GetUtcNow(), Decision(key, i));
                if (at.UnsignedCount >= 1000)
                {
                    at = encoder.AppendCheckpoint(buffer, at, time.GetUtcNow(), CheckpointReason.Count, signer);
                }

                if (buffer.WrittenCount > 1 << 19)
                {
                    file.Write(buffer.WrittenSpan);
                    buffer.ResetWrittenCount();
                }
            }

            at = encoder.AppendCheckpoint(buffer, at, time.GetUtcNow(), CheckpointReason.Shutdown, signer);
            file!.Write(buffer.WrittenSpan);
        }
        finally
        {
            file?.Dispose();
        }
    }
}
