using PhiGate.Deployment.Tests.Tools;
using PhiGate.Deployment.Tests.Yaml;

namespace PhiGate.Deployment.Tests.Envoy;

/// <summary>
/// Envoy's own validation of the shipped configuration (<c>envoy --mode validate</c>): it loads every
/// extension, typed config and certificate file without opening a listener. Needs an envoy binary.
/// </summary>
[TestFixture]
public sealed class EnvoyValidateTests
{
    private const string PodCertificates = "/etc/envoy/certs/";

    [Test]
    public void EnvoyValidate_SidecarConfig_IsAccepted()
    {
        // Arrange
        var envoy = ExternalTool.RequireOrIgnore("envoy", "`envoy --mode validate` (no Debian or npm package ships Envoy)");
        using var work = new TemporaryDirectory();
        var config = WriteWithTrialCertificates(work.Path, EnvoyConfigFiles.Serialize(EnvoyConfigFiles.Sidecar()));

        // Act
        var result = ExternalTool.Run(envoy, ["--mode", "validate", "--config-path", config, "--log-level", "warn"]);

        // Assert
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
    }

    [Test]
    public void EnvoyValidate_MtlsUpstreamConfig_IsAccepted()
    {
        // Arrange
        var envoy = ExternalTool.RequireOrIgnore("envoy", "`envoy --mode validate` (no Debian or npm package ships Envoy)");
        using var work = new TemporaryDirectory();
        var config = WriteWithTrialCertificates(work.Path, EnvoyConfigFiles.Serialize(EnvoyConfigFiles.WithMtlsUpstream()));

        // Act
        var result = ExternalTool.Run(envoy, ["--mode", "validate", "--config-path", config, "--log-level", "warn"]);

        // Assert
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
    }

    [Test]
    public void EnvoyValidate_BrokenConfig_IsRejected()
    {
        // Arrange: proves validate mode would catch a bad file, so a pass above means something.
        var envoy = ExternalTool.RequireOrIgnore("envoy", "`envoy --mode validate` (no Debian or npm package ships Envoy)");
        using var work = new TemporaryDirectory();
        var bootstrap = EnvoyConfigFiles.Sidecar();
        YamlPath.Set(bootstrap, "static_resources/clusters[name=phigate]/type", YamlPath.Node("NOT_A_DISCOVERY_TYPE"));
        var config = WriteWithTrialCertificates(work.Path, EnvoyConfigFiles.Serialize(bootstrap));

        // Act
        var result = ExternalTool.Run(envoy, ["--mode", "validate", "--config-path", config, "--log-level", "warn"]);

        // Assert
        Assert.That(result.ExitCode, Is.Not.Zero, result.ToString());
    }

    /// <summary>Makes trial certificates and points the configuration's certificate paths at them.</summary>
    private static string WriteWithTrialCertificates(string directory, string yaml)
    {
        var bash = ExternalTool.RequireOrIgnore("bash", "certificate generation for `envoy --mode validate`");
        var certificates = Path.Combine(directory, "certs");
        var made = ExternalTool.Run(bash, [RepositoryLayout.CertificateScript, certificates]);
        Assert.That(made.ExitCode, Is.Zero, made.ToString());

        var config = Path.Combine(directory, "envoy.yaml");
        File.WriteAllText(config, yaml.Replace(PodCertificates, certificates + "/", StringComparison.Ordinal));
        return config;
    }
}
