namespace PhiGate.Audit.Tests;

public class AuditDurationTests
{
    [TestCase("500ms", 500)]
    [TestCase("30s", 30_000)]
    [TestCase("5m", 300_000)]
    [TestCase("1h", 3_600_000)]
    [TestCase(" 2d ", 172_800_000)]
    public void TryParse_Valid_Milliseconds(string text, long milliseconds)
    {
        // Act
        var parsed = AuditDuration.TryParse(text, out var value);

        // Assert
        Assert.That(parsed, Is.True);
        Assert.That(value, Is.EqualTo(TimeSpan.FromMilliseconds(milliseconds)));
    }

    [TestCase("")]
    [TestCase("10")]
    [TestCase("-5s")]
    [TestCase("1.5h")]
    [TestCase("s")]
    [TestCase("99999999999999999999d")]
    public void TryParse_Invalid_False(string text)
    {
        // Act
        var parsed = AuditDuration.TryParse(text, out _);

        // Assert
        Assert.That(parsed, Is.False);
    }

    [TestCase("64MiB", 64L << 20)]
    [TestCase("500KB", 500_000)]
    [TestCase("1GiB", 1L << 30)]
    [TestCase("4096", 4096)]
    public void ByteSize_Valid_Bytes(string text, long bytes)
    {
        // Act
        var parsed = ByteSize.TryParse(text, out var value);

        // Assert
        Assert.That(parsed, Is.True);
        Assert.That(value, Is.EqualTo(bytes));
    }
}
