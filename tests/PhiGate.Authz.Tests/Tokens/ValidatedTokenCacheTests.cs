using Microsoft.Extensions.Time.Testing;
using PhiGate.Authz.Tests.Support;
using PhiGate.Authz.Tokens;
using PhiGate.Testing.Identity;

namespace PhiGate.Authz.Tests.Tokens;

[TestFixture]
public sealed class ValidatedTokenCacheTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);

    private string _folder = null!;
    private string _jwks = null!;
    private TestSigningKey _key = null!;

    [OneTimeSetUp]
    public void CreateKey()
    {
        _folder = Directory.CreateTempSubdirectory("phigate-cache-").FullName;
        _key = TestSigningKey.Rsa("rsa-1");
        _jwks = Path.Combine(_folder, "jwks.json");
        TestSigningKey.WriteJwks(_jwks, _key);
    }

    [OneTimeTearDown]
    public void DeleteKey()
    {
        _key.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Test]
    public async Task Validate_SameTokenTwiceFirstUseAdmission_SecondServedFromCache()
    {
        // Arrange
        var options = TokenTestHost.FileIssuerOptions(_jwks);
        options.ValidatedCacheAdmission = "first_use";
        await using var host = new TokenTestHost(options, new FakeTimeProvider(Now));
        var token = TestTokens.Create(_key, TestTokens.Claims(TokenTestHost.Issuer, TokenTestHost.Audience, Now));

        // Act
        var first = await host.Pipeline.Validator.ValidateAsync(token, CancellationToken.None);
        var second = await host.Pipeline.Validator.ValidateAsync(token, CancellationToken.None);

        // Assert: the very same verified instance means no second verification happened.
        Assert.That(first.IsValid, Is.True);
        Assert.That(second.Token, Is.SameAs(first.Token));
        Assert.That(host.Pipeline.Validator.SignaturesChecked, Is.EqualTo(1));
    }

    [Test]
    public async Task Validate_SameTokenThriceSecondUseAdmission_SignatureCheckedOnceThirdServedFromCache()
    {
        // Arrange
        await using var host = new TokenTestHost(TokenTestHost.FileIssuerOptions(_jwks), new FakeTimeProvider(Now));
        var token = TestTokens.Create(_key, TestTokens.Claims(TokenTestHost.Issuer, TokenTestHost.Audience, Now));

        // Act
        var first = await host.Pipeline.Validator.ValidateAsync(token, CancellationToken.None);
        var second = await host.Pipeline.Validator.ValidateAsync(token, CancellationToken.None);
        var third = await host.Pipeline.Validator.ValidateAsync(token, CancellationToken.None);

        // Assert: the second presentation re-checked the claims (a new instance) but not the signature.
        Assert.That(new[] { first.IsValid, second.IsValid, third.IsValid }, Is.All.True);
        Assert.That(second.Token, Is.Not.SameAs(first.Token));
        Assert.That(third.Token, Is.SameAs(second.Token));
        Assert.That(host.Pipeline.Validator.SignaturesChecked, Is.EqualTo(1));
    }

    [Test]
    public async Task Validate_TamperedCopyOfRememberedToken_SignatureCheckedAndRefused()
    {
        // Arrange
        await using var host = new TokenTestHost(TokenTestHost.FileIssuerOptions(_jwks), new FakeTimeProvider(Now));
        var token = TestTokens.Create(_key, TestTokens.Claims(TokenTestHost.Issuer, TokenTestHost.Audience, Now));
        await host.Pipeline.Validator.ValidateAsync(token, CancellationToken.None);
        // A character inside the signature: still valid base64url, no longer the signature of these bytes.
        var inside = token.Length - 10;
        var tampered = token[..inside] + (token[inside] == 'A' ? 'B' : 'A') + token[(inside + 1)..];

        // Act
        var result = await host.Pipeline.Validator.ValidateAsync(tampered, CancellationToken.None);

        // Assert
        Assert.That(result.Failure, Is.EqualTo(TokenFailure.BadSignature));
        Assert.That(host.Pipeline.Validator.SignaturesChecked, Is.EqualTo(2));
    }

    [Test]
    public async Task Validate_CachedTokenAfterExpiry_Expired()
    {
        // Arrange
        var time = new FakeTimeProvider(Now);
        await using var host = new TokenTestHost(TokenTestHost.FileIssuerOptions(_jwks), time);
        var token = TestTokens.Create(_key, TestTokens.Claims(TokenTestHost.Issuer, TokenTestHost.Audience, Now));
        await host.Pipeline.Validator.ValidateAsync(token, CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(6));

        // Act
        var later = await host.Pipeline.Validator.ValidateAsync(token, CancellationToken.None);

        // Assert
        Assert.That(later.Failure, Is.EqualTo(TokenFailure.Expired));
    }

    [Test]
    public void Add_BeyondCapacity_StaysBounded()
    {
        // Arrange
        var cache = new ValidatedTokenCache(100);

        // Act
        for (var i = 0; i < 1_000; i++)
        {
            cache.Add(Verified("hash-" + i), Now);
        }

        // Assert
        Assert.That(cache.Count, Is.LessThanOrEqualTo(100));
        Assert.That(cache.TryGet("hash-999", Now, TimeSpan.Zero, out _), Is.True);
    }

    [Test]
    public void Add_SecondUseAdmissionFirstSighting_NotCachedUntilSeenAgain()
    {
        // Arrange
        var cache = new ValidatedTokenCache(100, admitOnSecondUse: true);
        var token = Verified(TokenValidator.HashToken("one-off token"));

        // Act
        cache.Add(token, Now);
        var afterFirst = cache.TryGet(token.TokenHash, Now, TimeSpan.Zero, out _);
        cache.Add(token, Now);
        var afterSecond = cache.TryGet(token.TokenHash, Now, TimeSpan.Zero, out var found);

        // Assert
        Assert.That(afterFirst, Is.False);
        Assert.That(afterSecond, Is.True);
        Assert.That(found, Is.SameAs(token));
    }

    [Test]
    public void Add_FirstUseAdmission_CachedAtOnce()
    {
        // Arrange
        var cache = new ValidatedTokenCache(100);
        var token = Verified(TokenValidator.HashToken("reused token"));

        // Act
        cache.Add(token, Now);

        // Assert
        Assert.That(cache.TryGet(token.TokenHash, Now, TimeSpan.Zero, out _), Is.True);
    }

    private static VerifiedToken Verified(string hash) => new()
    {
        Issuer = "https://idp.phigate.test",
        Subject = "s",
        ClientId = null,
        Audiences = ["a"],
        Scopes = [],
        Jti = hash,
        Algorithm = "RS256",
        KeyId = "k",
        ExpiresAt = Now.AddMinutes(5),
        IssuedAt = Now,
        CertificateThumbprint = null,
        Claims = default,
        TokenHash = hash,
    };
}
