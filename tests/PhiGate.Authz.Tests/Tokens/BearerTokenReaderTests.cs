using PhiGate.Authz.Tokens;

namespace PhiGate.Authz.Tests.Tokens;

[TestFixture]
public sealed class BearerTokenReaderTests
{
    private static readonly BearerTokenReader Authorization = new("authorization", 8_192);

    private static TokenFailure Read(BearerTokenReader reader, string header, string value, out string token) =>
        reader.TryRead(new Dictionary<string, string> { [header] = value }, out token);

    [TestCase("Bearer abc.def.ghi")]
    [TestCase("bearer abc.def.ghi")]
    [TestCase("BEARER   abc.def.ghi")]
    public void TryRead_BearerScheme_ReturnsToken(string value)
    {
        // Act
        var failure = Read(Authorization, "authorization", value, out var token);

        // Assert
        Assert.That(failure, Is.EqualTo(TokenFailure.None));
        Assert.That(token, Is.EqualTo("abc.def.ghi"));
    }

    [Test]
    public void TryRead_NoHeader_Missing()
    {
        // Act
        var failure = Authorization.TryRead(new Dictionary<string, string>(), out string _);

        // Assert
        Assert.That(failure, Is.EqualTo(TokenFailure.Missing));
    }

    [Test]
    public void TryRead_BasicScheme_Missing()
    {
        // Act
        var failure = Read(Authorization, "authorization", "Basic dXNlcjpwYXNz", out _);

        // Assert
        Assert.That(failure, Is.EqualTo(TokenFailure.Missing));
    }

    [TestCase("Bearer a.b.c,Bearer d.e.f")]
    [TestCase("Bearer a.b.c d.e.f")]
    [TestCase("Bearer ")]
    [TestCase("a.b.c")]
    public void TryRead_NotOneBearerCredential_InvalidRequest(string value)
    {
        // Act
        var failure = Read(Authorization, "authorization", value, out _);

        // Assert
        Assert.That(failure, Is.EqualTo(TokenFailure.InvalidRequest));
    }

    [Test]
    public void TryRead_HugeHeader_TooLarge()
    {
        // Act
        var failure = Read(Authorization, "authorization", "Bearer " + new string('a', 100 * 1024), out _);

        // Assert
        Assert.That(failure, Is.EqualTo(TokenFailure.TooLarge));
    }

    [TestCase("abc.def.ghi")]
    [TestCase("Bearer abc.def.ghi")]
    public void TryRead_ConfiguredHeader_AcceptsRawOrBearer(string value)
    {
        // Arrange
        var reader = new BearerTokenReader("X-Jwt-Assertion", 8_192);

        // Act
        var failure = Read(reader, "x-jwt-assertion", value, out var token);

        // Assert
        Assert.That(failure, Is.EqualTo(TokenFailure.None));
        Assert.That(token, Is.EqualTo("abc.def.ghi"));
    }
}
