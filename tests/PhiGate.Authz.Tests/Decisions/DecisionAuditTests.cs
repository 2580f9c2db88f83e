using System.Text.Json;
using Envoy.Config.Core.V3;
using Envoy.Service.Auth.V3;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PhiGate.Audit;
using PhiGate.Authz.Decisions;
using PhiGate.Authz.Replay;
using PhiGate.Authz.Tokens;

namespace PhiGate.Authz.Tests.Decisions;

/// <summary>The decision event's digests: recurring values are reused, never carried over to another key.</summary>
[TestFixture]
public sealed class DecisionAuditTests
{
    private readonly List<ServiceProvider> _providers = [];

    [TearDown]
    public async Task TearDown()
    {
        foreach (var provider in _providers)
        {
            await provider.DisposeAsync();
        }
    }

    [Test]
    public void Create_SameTokenTwice_SubjectDigestReusedAndEqualToTheTrailsDigest()
    {
        // Arrange
        var trail = Trail();
        var authentication = Authenticated(Token("user-4711"));

        // Act
        var first = DecisionAudit.Create(trail, Request("/fhir/Patient/1"), authentication, true, "policy_allow", 200, "r1", null);
        var second = DecisionAudit.Create(trail, Request("/fhir/Patient/2"), authentication, true, "policy_allow", 200, "r2", null);

        // Assert
        Assert.That(first.Client!.Subject, Is.EqualTo(trail.Digest("user-4711")));
        Assert.That(second.Client!.Subject, Is.SameAs(first.Client.Subject), "the cached token carries its subject digest");
        Assert.That(second.Client.SourceAddress, Is.EqualTo(trail.Digest("10.1.2.3")));
        Assert.That(second.Route!.ResourceIds!.Single(), Is.EqualTo(trail.Digest("2")));
    }

    [Test]
    public void Create_SameTokenOtherTrail_SubjectDigestedWithThatTrailsKey()
    {
        // Arrange
        var first = Trail();
        var other = Trail();
        var authentication = Authenticated(Token("user-4711"));
        DecisionAudit.Create(first, Request("/fhir/Patient/1"), authentication, true, "policy_allow", 200, "r1", null);

        // Act
        var auditEvent = DecisionAudit.Create(other, Request("/fhir/Patient/1"), authentication, true, "policy_allow", 200, "r2", null);

        // Assert
        Assert.That(auditEvent.Client!.Subject, Is.EqualTo(other.Digest("user-4711")));
        Assert.That(auditEvent.Client.Subject, Is.Not.EqualTo(first.Digest("user-4711")));
        Assert.That(auditEvent.Client.SourceAddress, Is.EqualTo(other.Digest("10.1.2.3")));
    }

    [Test]
    public void Create_QueryWithRepeatedParameter_OneDigestOverAllValues()
    {
        // Arrange
        var trail = Trail();

        // Act
        var auditEvent = DecisionAudit.Create(trail, Request("/fhir/Patient?family=Doe&family=Roe&given=Jane"), null, false, "token_missing", 401, "r1", null);

        // Assert
        Assert.That(auditEvent.Route!.PathTemplate, Is.EqualTo("/fhir/Patient"));
        Assert.That(auditEvent.Route.Query!["family"], Is.EqualTo(trail.Digest("Doe\u001fRoe")));
        Assert.That(auditEvent.Route.Query["given"], Is.EqualTo(trail.Digest("Jane")));
        Assert.That(auditEvent.Client!.Subject, Is.Null);
    }

    private IAuditTrail Trail()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["audit:stdout"] = "true" }).Build();
        var provider = new ServiceCollection().AddLogging().AddPhiGateAudit(configuration.GetSection("audit")).BuildServiceProvider();
        _providers.Add(provider);
        return provider.GetRequiredService<IAuditTrail>();
    }

    private static CheckRequest Request(string path) => new()
    {
        Attributes = new AttributeContext
        {
            Source = new AttributeContext.Types.Peer { Address = new Address { SocketAddress = new SocketAddress { Address = "10.1.2.3", PortValue = 40000 } } },
            Request = new AttributeContext.Types.Request { Http = new AttributeContext.Types.HttpRequest { Method = "GET", Path = path } },
        },
    };

    private static CallerAuthentication Authenticated(VerifiedToken token) =>
        new(token, null, CallerIdentity.Anonymous, TokenFailure.None, null);

    private static VerifiedToken Token(string subject) => new()
    {
        Issuer = "https://idp.example",
        Subject = subject,
        ClientId = "ehr-frontend",
        Audiences = ["ehr-api"],
        Scopes = ["patient/*.read"],
        Jti = "jti-1",
        Algorithm = "RS256",
        KeyId = "k1",
        ExpiresAt = DateTimeOffset.UnixEpoch.AddYears(100),
        IssuedAt = null,
        CertificateThumbprint = null,
        Claims = JsonDocument.Parse("{}").RootElement,
        TokenHash = "00",
    };
}
