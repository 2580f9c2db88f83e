using PhiGate.Rego.Builtins;

namespace PhiGate.Rego.Tests.Builtins;

[TestFixture]
internal sealed class GlobPatternTests
{
    [TestCase("*.github.com", ".", "api.github.com", true)]
    [TestCase("*.github.com", ".", "api.cdn.github.com", false)]
    [TestCase("api.**.com", ".", "api.cdn.github.com", true)]
    [TestCase("[abc]at", ".", "cat", true)]
    [TestCase("[!abc]at", ".", "fat", true)]
    [TestCase("[a-c]at", ".", "fat", false)]
    [TestCase("?at", "f", "fat", false)]
    [TestCase("?at", "f", "bat", true)]
    [TestCase("{cat,bat,[fr]at}", ".", "rat", true)]
    [TestCase("{cat,bat,[fr]at}", ".", "at", false)]
    [TestCase("*", "", "foo.bar", true)]
    [TestCase("*", ".", "foo.bar", false)]
    [TestCase("a\\*b", ".", "a*b", true)]
    [TestCase("a\\*b", ".", "axb", false)]
    [TestCase("a.b", ".", "aXb", false)]
    public void TryMatch_Pattern_MatchesLikeOpa(string pattern, string delimiters, string text, bool expected)
    {
        // Act
        var ok = GlobPattern.TryMatch(pattern, delimiters.ToCharArray(), text, out var matched, out var error);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(ok, Is.True, error);
            Assert.That(matched, Is.EqualTo(expected));
        });
    }

    [TestCase("[abc")]
    [TestCase("{a,b")]
    [TestCase("abc\\")]
    public void TryMatch_MalformedPattern_Error(string pattern)
    {
        // Act
        var ok = GlobPattern.TryMatch(pattern, ['.'], "x", out _, out var error);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(ok, Is.False);
            Assert.That(error, Is.Not.Empty);
        });
    }
}
