using NUnit.Framework;

namespace PhiGate.Testing.Identity;

/// <summary>
/// Finds an external program for a real-service fixture. When it is missing, CI (<c>CI=true</c>) fails the test
/// and a developer machine ignores it with a message saying what to install.
/// </summary>
public static class RequiredTool
{
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Full path of <paramref name="name"/> on PATH (or one of <paramref name="extraDirectories"/>), or null.</summary>
    public static string? Find(string name, params string[] extraDirectories)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (var directory in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Concat(extraDirectories))
        {
            var candidate = Path.Combine(directory, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>Stops the current test: fail on CI, ignore elsewhere.</summary>
    public static void Missing(string message)
    {
        if (IsCi)
        {
            Assert.Fail(message);
        }

        Assert.Ignore(message);
    }
}
