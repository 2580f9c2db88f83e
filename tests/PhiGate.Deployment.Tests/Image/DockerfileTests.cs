using System.Text.RegularExpressions;

namespace PhiGate.Deployment.Tests.Image;

/// <summary>
/// The image cannot be built where the tests run (no container engine), so its promises are checked
/// by reading the Dockerfile: multi-stage, small non-root runtime, the phigate entry point.
/// </summary>
[TestFixture]
public sealed partial class DockerfileTests
{
    [Test]
    public void Dockerfile_Stages_BuildOnSdkAndRunOnChiseledAspNet()
    {
        // Arrange
        var stages = FromLines();

        // Act
        var runtime = stages[^1];

        // Assert
        Assert.That(stages, Has.Count.GreaterThanOrEqualTo(2), "multi-stage");
        Assert.That(stages[0], Does.Contain("dotnet/sdk"));
        Assert.That(runtime, Does.Contain("dotnet/aspnet").And.Contain("chiseled"));
    }

    [Test]
    public void Dockerfile_RuntimeStage_RunsAsNonRootUser()
    {
        // Arrange
        var runtime = RuntimeStage();

        // Act
        var users = UserLine().Matches(runtime).Select(m => m.Groups[1].Value.Trim()).ToList();

        // Assert
        Assert.That(users, Is.Not.Empty, "the runtime stage sets a USER");
        Assert.That(users[^1], Is.Not.EqualTo("root").And.Not.EqualTo("0"));
    }

    [Test]
    public void Dockerfile_RuntimeStage_StartsPhiGate()
    {
        // Arrange
        var runtime = RuntimeStage();

        // Act
        var entryPoint = runtime.Split('\n').LastOrDefault(line => line.StartsWith("ENTRYPOINT", StringComparison.Ordinal));

        // Assert
        Assert.That(entryPoint, Is.EqualTo("ENTRYPOINT [\"/app/phigate\"]"));
        Assert.That(runtime, Does.Contain("DOTNET_EnableDiagnostics=0"), "no diagnostics socket on a read-only root");
    }

    [Test]
    public void Dockerfile_PublishesTheExecutableProject()
    {
        // Arrange
        var text = File.ReadAllText(RepositoryLayout.Dockerfile);

        // Act
        var publishesPhiGate = text.Contains("dotnet publish src/PhiGate/PhiGate.csproj", StringComparison.Ordinal);

        // Assert
        Assert.That(publishesPhiGate, Is.True);
        Assert.That(File.Exists(Path.Combine(RepositoryLayout.Root, "src", "PhiGate", "PhiGate.csproj")), Is.True);
        Assert.That(text, Does.Not.Match(@":latest\b"), "images are pinned to a version line, never latest");
    }

    [Test]
    public void DockerIgnore_BuildContext_ExcludesKeysAndBuildOutput()
    {
        // Arrange
        var patterns = File.ReadAllLines(RepositoryLayout.DockerIgnore).Select(l => l.Trim()).ToHashSet(StringComparer.Ordinal);

        // Act
        string[] required = ["**/bin/", "**/obj/", ".git/", "**/*.key", "**/*.pem", "envoy/"];

        // Assert
        Assert.That(patterns, Is.SupersetOf(required));
    }

    private static List<string> FromLines() =>
        [.. File.ReadAllLines(RepositoryLayout.Dockerfile).Where(line => line.StartsWith("FROM ", StringComparison.Ordinal))];

    private static string RuntimeStage()
    {
        var text = File.ReadAllText(RepositoryLayout.Dockerfile).Replace("\r\n", "\n", StringComparison.Ordinal);
        return text[text.LastIndexOf("\nFROM ", StringComparison.Ordinal)..];
    }

    [GeneratedRegex(@"^USER\s+(.+)$", RegexOptions.Multiline)]
    private static partial Regex UserLine();
}
