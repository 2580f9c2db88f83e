using System.Buffers;
using System.Text;

namespace PhiGate.Audit.Tests;

/// <summary>
/// Schema version 1 byte for byte: records written today must stay readable by every verifier already
/// deployed, whatever the encoder's internals become.
/// </summary>
public class RecordEncoderTests
{
    private static readonly DateTimeOffset Time = new(2026, 3, 1, 8, 0, 0, 123, TimeSpan.Zero);

    [Test]
    public void AppendDecision_KnownEvent_WritesSchemaV1Line()
    {
        // Arrange
        var key = Key();
        using var encoder = new RecordEncoder();
        var output = new ArrayBufferWriter<byte>();

        // Act
        var at = encoder.AppendDecision(output, ChainPosition.Genesis, Time, Decision(key));

        // Assert
        Assert.That(Encoding.UTF8.GetString(output.WrittenSpan), Is.EqualTo(ExpectedDecision + "\n"));
        Assert.That(at.Sequence, Is.EqualTo(1));
        Assert.That(at.Hash, Is.EqualTo(ExpectedDecision[^45..^2]));
    }

    [Test]
    public void AppendRedaction_KnownEvent_WritesSchemaV1Line()
    {
        // Arrange
        var key = Key();
        using var encoder = new RecordEncoder();
        var output = new ArrayBufferWriter<byte>();
        var previous = new ChainPosition(41, ExpectedDecision[^45..^2], 40);

        // Act
        var at = encoder.AppendRedaction(output, previous, Time, Redaction(key));

        // Assert
        Assert.That(Encoding.UTF8.GetString(output.WrittenSpan), Is.EqualTo(ExpectedRedaction + "\n"));
        Assert.That(at, Is.EqualTo(new ChainPosition(42, ExpectedRedaction[^45..^2], 40)));
    }

    [Test]
    public async Task TryAppend_EventsEncodedWhenAccepted_SameLinesAsDirectEncoding()
    {
        // Arrange
        await using var harness = new TrailHarness();
        var trail = await harness.StartAsync();
        var decisions = Enumerable.Range(0, 5).Select(i => Events.Decision(trail, i)).ToList();
        var redaction = Events.Redaction(trail, 9);
        using var encoder = new RecordEncoder();
        var direct = new ArrayBufferWriter<byte>();
        var at = ChainPosition.Genesis;
        foreach (var decision in decisions)
        {
            at = encoder.AppendDecision(direct, at, TrailHarness.Start, decision);
        }

        encoder.AppendRedaction(direct, at, TrailHarness.Start, redaction);

        // Act
        foreach (var decision in decisions)
        {
            Assert.That(trail.TryAppend(decision), Is.True);
        }

        Assert.That(await trail.AppendAsync(redaction), Is.True);
        await trail.StopAsync();

        // Assert: the six event lines, then the shutdown checkpoint.
        var lines = harness.AllLines();
        Assert.That(lines, Has.Length.EqualTo(7));
        Assert.That(lines[..6], Is.EqualTo(Encoding.UTF8.GetString(direct.WrittenSpan).Split('\n')[..6]));
    }

    private const string ExpectedDecision = """
        {"v":1,"seq":1,"time":"2026-03-01T08:00:00.1230000Z","type":"decision","request_id":"0f8fad5b-d9cb-469f-a165-70867728950e","trace_id":"4bf92f3577b34da6a3ce929d0e0e4736","decision":"allow","reason":"policy_allow","status":200,"policy_revision":"rev-7","method":"GET","path":"/fhir/Patient/{id}/_history/{id}","resource_ids":["hmac-sha256:k1:wAU_1e69fT2mCindeUSD3unv2hOIGn7I7Fe8DZyeJhU","hmac-sha256:k1:Mtu8mQu33MLW_dTZIWXqjvGoCxkQZKsFv6TXjQ8AkRU"],"query":{"_count":"hmac-sha256:k1:M1Js_TYhfMm_fZHZ2iS2vLenqL3VwoigbmwUZk_jpSY","identifier":"hmac-sha256:k1:S524lqvUzAb5GkIiibvJyI72wiLOQhfhjvSgO1uuZ_8"},"query_unnamed":["hmac-sha256:k1:BQT1eK2d9QK6bF-xcF7sspHkx_RUkxuNR9OwkPBa5xE"],"cert_sha256":"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08","spiffe_id":"spiffe://cluster.local/ns/ehr/sa/frontend","issuer":"https://idp.example/\u003Crealm\u003E\u0026\u0027caf\u00E9\u0027","client_id":"ehr-frontend","subject":"hmac-sha256:k1:WBwEY-1V_C8E_CIYxlHwgCLbEm8HCDTmfvAgiTnrvHs","scopes":["patient/*.read","openid","ssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssss"],"source":"hmac-sha256:k1:4ggqeleN3qoTVghlCr_yjrxkWsaExhe7nd93xKfr-3A","prev":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA","hash":"8gnjVoFGi3gMOjG50tC5A3q3-BUP__5XswuC6BAFnWk"}
        """;

    private const string ExpectedRedaction = """
        {"v":1,"seq":42,"time":"2026-03-01T08:00:00.1230000Z","type":"redaction","request_id":"req-2","direction":"response","action":"blocked","profile":"clinician","content":"fhir","reason":"url_phi","method":"POST","path":"/fhir/Observation","findings":{"mrn":1,"other":4,"ssn":2},"identifiers":["hmac-sha256:k1:S524lqvUzAb5GkIiibvJyI72wiLOQhfhjvSgO1uuZ_8","hmac-sha256:k1:V8vLhfvfqA3VnvmI_wuT95Zsv6tRK3XaFm8Aw9MOkuU"],"prev":"8gnjVoFGi3gMOjG50tC5A3q3-BUP__5XswuC6BAFnWk","hash":"oC2XTleAOWvEUzFosHi-niWfKvAUHYjiPAATfsdgsKk"}
        """;

    private static HmacKey Key() => new("k1", [.. Enumerable.Range(1, 32).Select(i => (byte)i)]);

    internal static DecisionEvent Decision(HmacKey key) => new()
    {
        RequestId = "0f8fad5b-d9cb-469f-a165-70867728950e",
        TraceId = "4bf92f3577b34da6a3ce929d0e0e4736",
        Decision = AuditDecision.Allow,
        ReasonCode = "policy_allow",
        HttpStatus = 200,
        PolicyRevision = "rev-7",
        Route = new AuditRoute
        {
            Method = "GET",
            PathTemplate = "/fhir/Patient/{id}/_history/{id}",
            ResourceIds = [key.Digest("patient-1"), key.Digest("7")],
            Query = new Dictionary<string, AuditDigest> { ["identifier"] = key.Digest("123-45-6789"), ["a b"] = key.Digest("x"), ["_count"] = key.Digest("10") },
        },
        Client = new AuditClient
        {
            CertificateThumbprint = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
            SpiffeId = "spiffe://cluster.local/ns/ehr/sa/frontend",
            Issuer = "https://idp.example/<realm>&'café'",
            ClientId = "ehr-frontend",
            Subject = key.Digest("user-1"),
            Scopes = ["patient/*.read", "openid", new string('s', 300)],
            SourceAddress = key.Digest("10.1.2.3"),
        },
    };

    internal static RedactionEvent Redaction(HmacKey key) => new()
    {
        RequestId = "req-2",
        Direction = RedactionDirection.Response,
        Action = RedactionAction.Blocked,
        Profile = "clinician",
        ContentKind = "fhir",
        ReasonCode = "url_phi",
        Route = new AuditRoute { Method = "POST", PathTemplate = "/fhir/Observation" },
        Findings = new Dictionary<string, int> { ["ssn"] = 2, ["mrn"] = 1, ["Bad Category"] = 3, ["x\"y"] = 1 },
        Identifiers = [key.Digest("123-45-6789"), key.Digest("MRN-000123")],
    };
}
