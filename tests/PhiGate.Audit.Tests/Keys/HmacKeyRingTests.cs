using System.Security.Cryptography;
using System.Text;

namespace PhiGate.Audit.Tests;

public class HmacKeyRingTests
{
    private static readonly byte[] KeyBytes = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();

    [Test]
    public void Digest_KnownKeyAndValue_MatchesHmacSha256Base64Url()
    {
        // Arrange
        var ring = HmacKeyRing.Parse($"k1\n{Convert.ToBase64String(KeyBytes)}", "test").Value!;
        var expected = Convert.ToBase64String(HMACSHA256.HashData(KeyBytes, Encoding.UTF8.GetBytes("Jane Doe")))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

        // Act
        var digest = ring.Active.Digest("Jane Doe");

        // Assert
        Assert.That(digest.Value, Is.EqualTo($"hmac-sha256:k1:{expected}"));
    }

    [Test]
    public void Digest_LongNonAsciiValue_SameAsShortPathAndStable()
    {
        // Arrange
        var ring = HmacKeyRing.Parse($"k1\n{Convert.ToBase64String(KeyBytes)}", "test").Value!;
        var value = string.Concat(Enumerable.Repeat("Zoë Ångström ", 200));
        var expected = Convert.ToBase64String(HMACSHA256.HashData(KeyBytes, Encoding.UTF8.GetBytes(value)))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

        // Act
        var digest = ring.Active.Digest(value);

        // Assert
        Assert.That(digest.Value, Is.EqualTo($"hmac-sha256:k1:{expected}"));
    }

    [Test]
    public void Parse_SeveralKeys_FirstIsActiveOthersFindable()
    {
        // Arrange
        var text = $"# current\nk3\n{Convert.ToBase64String(KeyBytes)}\n\nk2\n{Convert.ToBase64String(KeyBytes.Reverse().ToArray())}\n";

        // Act
        var ring = HmacKeyRing.Parse(text, "test").Value!;

        // Assert
        Assert.That(ring.Active.Id, Is.EqualTo("k3"));
        Assert.That(ring.Keys.Select(k => k.Id), Is.EqualTo(new[] { "k3", "k2" }));
        Assert.That(ring.Find("k2")!.Digest("x"), Is.Not.EqualTo(ring.Active.Digest("x")));
    }

    [Test]
    public void Parse_DuplicateKeyId_Refused()
    {
        // Arrange
        var key = Convert.ToBase64String(KeyBytes);

        // Act
        var result = HmacKeyRing.Parse($"k1\n{key}\nk1\n{key}", "audit.hmac_key_file");

        // Assert
        Assert.That(result.Error, Is.EqualTo("audit.hmac_key_file: key id 'k1' appears twice"));
    }

    [Test]
    public void Parse_Base64UrlWithoutPadding_Accepted()
    {
        // Arrange
        var key = Convert.ToBase64String(KeyBytes.Select(b => (byte)(b | 0xF8)).ToArray()).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        // Act
        var result = HmacKeyRing.Parse($"k1\n{key}", "test");

        // Assert
        Assert.That(result.Succeeded, Is.True);
    }

    [Test]
    public void CreateEphemeral_TwoRings_DifferentIdsAndDigests()
    {
        // Act
        var a = HmacKeyRing.CreateEphemeral();
        var b = HmacKeyRing.CreateEphemeral();

        // Assert
        Assert.That(a.IsEphemeral, Is.True);
        Assert.That(a.Active.Id, Does.StartWith("ephemeral-"));
        Assert.That(a.Active.Digest("x"), Is.Not.EqualTo(b.Active.Digest("x")));
    }
}
