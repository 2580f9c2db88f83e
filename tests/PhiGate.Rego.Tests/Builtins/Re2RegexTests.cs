using PhiGate.Rego.Builtins;

namespace PhiGate.Rego.Tests.Builtins;

[TestFixture]
internal sealed class Re2RegexTests
{
    [TestCase("^[a-z]+\\[[0-9]+\\]$", "foo[1]", true)]
    [TestCase("^$", "", true)]
    [TestCase("", "x", true)]
    [TestCase("^$", "something", false)]
    [TestCase("a$", "a\n", false)]
    [TestCase("(?m)a$", "a\nb", true)]
    [TestCase("^\\d+$", "١٢", false)]
    [TestCase("^\\d+$", "12", true)]
    [TestCase("^[[:alpha:]]+$", "abC", true)]
    [TestCase("^[[:digit:]]+$", "ab", false)]
    [TestCase("(?P<year>\\d{4})-\\d\\d", "2024-01", true)]
    [TestCase("\\Qa.b\\E", "a.b", true)]
    [TestCase("\\Qa.b\\E", "axb", false)]
    [TestCase("(?i)HELLO", "hello", true)]
    [TestCase("\\x{41}", "A", true)]
    [TestCase("a{2,3}", "caab", true)]
    [TestCase("x{", "x{", true)]
    [TestCase("a|b", "b", true)]
    [TestCase("\\pL+", "é", true)]
    public void IsMatch_Pattern_MatchesAsRe2(string pattern, string input, bool expected)
    {
        // Arrange
        Assert.That(Re2Regex.TryGet(pattern, out var regex, out var error), Is.True, error);

        // Act
        var actual = regex!.IsMatch(input);

        // Assert
        Assert.That(actual, Is.EqualTo(expected));
    }

    [TestCase("(a)\\1")]
    [TestCase("a(?=b)")]
    [TestCase("a(?!b)")]
    [TestCase("(?<=a)b")]
    [TestCase("(?>a)")]
    [TestCase("$^[[[")]
    [TestCase("a**")]
    [TestCase("a{1001}")]
    [TestCase("\\Z")]
    [TestCase("(abc")]
    [TestCase("abc)")]
    public void TryGet_UnsupportedSyntax_Rejected(string pattern)
    {
        // Act
        var ok = Re2Regex.TryGet(pattern, out _, out var error);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(ok, Is.False);
            Assert.That(error, Does.StartWith("error parsing regexp: "));
        });
    }

    [Test]
    public void FindAll_EmptyMatchAfterMatch_SkippedLikeGo()
    {
        // Arrange
        Re2Regex.TryGet("a*", out var regex, out _);

        // Act
        var matches = regex!.FindAll("baaac", -1).Select(m => m.Value).ToArray();

        // Assert
        Assert.That(matches, Is.EqualTo(new[] { string.Empty, "aaa", string.Empty }));
    }

    [Test]
    public void Split_TrailingSeparator_KeepsEmptyTail()
    {
        // Arrange
        Re2Regex.TryGet("a", out var regex, out _);

        // Act
        var parts = regex!.Split("banana");

        // Assert
        Assert.That(parts, Is.EqualTo(new[] { "b", "n", "n", string.Empty }));
    }
}
