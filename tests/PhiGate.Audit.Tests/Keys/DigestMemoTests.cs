using System.Security.Cryptography;

namespace PhiGate.Audit.Tests;

public class DigestMemoTests
{
    [Test]
    public void Digest_RecurringValue_SameDigestAsTheKeyMakes()
    {
        // Arrange
        var key = new HmacKey("k1", RandomNumberGenerator.GetBytes(32));
        var memo = new DigestMemo(key);

        // Act
        var first = memo.Digest("10.1.2.3");
        var second = memo.Digest("10.1.2.3");

        // Assert
        Assert.That(first, Is.EqualTo(key.Digest("10.1.2.3")));
        Assert.That(second, Is.SameAs(first));
    }

    [Test]
    public void Digest_FloodOfDistinctValues_StaysBoundedAndCorrect()
    {
        // Arrange
        var key = new HmacKey("k1", RandomNumberGenerator.GetBytes(32));
        var memo = new DigestMemo(key);

        // Act
        for (var i = 0; i < (DigestMemo.Capacity * 2) + 10; i++)
        {
            memo.Digest($"10.0.{i / 256}.{i % 256}");
        }

        var again = memo.Digest("10.0.0.1");

        // Assert
        Assert.That(memo.Count, Is.InRange(1, DigestMemo.Capacity));
        Assert.That(again, Is.EqualTo(key.Digest("10.0.0.1")));
    }

    [Test]
    public void Digest_LongValue_DigestedButNotKept()
    {
        // Arrange
        var key = new HmacKey("k1", RandomNumberGenerator.GetBytes(32));
        var memo = new DigestMemo(key);
        var value = new string('a', DigestMemo.MaxValueLength + 1);

        // Act
        var digest = memo.Digest(value);

        // Assert
        Assert.That(digest, Is.EqualTo(key.Digest(value)));
        Assert.That(memo.Count, Is.Zero);
    }

    [Test]
    public async Task DigestRecurring_OnTheTrail_EqualsDigest()
    {
        // Arrange
        await using var harness = new TrailHarness();
        var trail = harness.Create();
        IAuditTrail contract = trail;

        // Act
        var recurring = contract.DigestRecurring("10.9.8.7");

        // Assert
        Assert.That(recurring, Is.EqualTo(trail.Digest("10.9.8.7")));
        Assert.That(recurring.Value, Does.StartWith("hmac-sha256:k1:"));
    }
}
