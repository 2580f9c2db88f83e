using System.Diagnostics;
using PhiGate.Host.Hosting;
using PhiGate.Testing.Hosting;

namespace PhiGate.FunctionalTests.Server;

/// <summary>An invalid configuration stops start-up with one clear line per problem.</summary>
public sealed class ConfigurationTests
{
    private string _directory = null!;

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("phigate-config-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    private string Write(string yaml)
    {
        var path = Path.Combine(_directory, "phigate.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    [Test]
    public void Build_SeveralProblems_OneLinePerProblem()
    {
        // Arrange
        var path = Write("""
            server:
              grpc: not-an-address
              admin: 127.0.0.1:99999
            serverz:
              x: 1
            """);

        // Act
        var ex = Assert.Throws<ConfigurationProblemsException>(() => PhiGateApplication.Build(new ServeSettings { ConfigFile = path, LogToStdout = false }));

        // Assert
        Assert.That(ex!.Problems, Has.Count.EqualTo(3));
        Assert.That(ex.Problems, Has.Some.StartsWith("server.grpc:"));
        Assert.That(ex.Problems, Has.Some.StartsWith("server.admin:"));
        Assert.That(ex.Problems, Has.Some.StartsWith("serverz: unknown section"));
    }

    [Test]
    public void Build_UnknownKey_Reported()
    {
        // Arrange
        var path = Write("server:\n  grcp: 127.0.0.1:9191\n");

        // Act
        var ex = Assert.Throws<ConfigurationProblemsException>(() => PhiGateApplication.Build(new ServeSettings { ConfigFile = path, LogToStdout = false }));

        // Assert
        Assert.That(ex!.Problems.Single(), Does.StartWith("server:").And.Contain("grcp"));
    }

    [Test]
    public void Build_NotYaml_ReportsPosition()
    {
        // Arrange
        var path = Write("server:\n  grpc: [unclosed\n");

        // Act
        var ex = Assert.Throws<ConfigurationProblemsException>(() => PhiGateApplication.Build(new ServeSettings { ConfigFile = path, LogToStdout = false }));

        // Assert
        Assert.That(ex!.Problems.Single(), Does.Match(@"^phigate\.yaml:\d+:\d+: not valid YAML$"));
    }

    [Test]
    public async Task Build_EnvironmentOverride_WinsOverFile()
    {
        // Arrange
        var path = Write("server:\n  drain_delay: 5s\n");

        // Act
        await using var server = PhiGateApplication.Build(new ServeSettings
        {
            ConfigFile = path,
            Grpc = "127.0.0.1:0",
            Admin = "127.0.0.1:0",
            Environment = new Dictionary<string, string> { ["PHIGATE_SERVER__DRAIN_DELAY"] = "250ms" },
            LogToStdout = false,
        });

        // Assert
        Assert.That(server.Options.DrainDelay, Is.EqualTo(TimeSpan.FromMilliseconds(250)));
    }

    [Test]
    public async Task PhigateServe_BadConfig_ExitsTwoWithOneLinePerProblem()
    {
        // Arrange
        var path = Write("server:\n  grpc: nowhere\n  admin: also-nowhere\n");
        var executable = Path.Combine(AppContext.BaseDirectory, "phigate.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add(executable);
        start.ArgumentList.Add("serve");
        start.ArgumentList.Add("--config");
        start.ArgumentList.Add(path);

        // Act
        using var process = Process.Start(start)!;
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);

        // Assert
        Assert.That(process.ExitCode, Is.EqualTo(2));
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(2));
        Assert.That(lines, Has.All.StartWith("phigate: config: server."));
    }

    [Test]
    public void RepositoryRoot_FromTestAssembly_HoldsSolution()
    {
        // Act
        var root = SharedMaterials.RepositoryRoot;

        // Assert
        Assert.That(File.Exists(Path.Combine(root, "PhiGate.slnx")), Is.True);
    }
}
