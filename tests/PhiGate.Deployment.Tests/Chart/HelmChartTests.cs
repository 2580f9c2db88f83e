using PhiGate.Deployment.Tests.Envoy;
using PhiGate.Deployment.Tests.Tools;
using PhiGate.Deployment.Tests.Yaml;
using YamlDotNet.RepresentationModel;
using static PhiGate.Deployment.Tests.Envoy.EnvoyYaml;

namespace PhiGate.Deployment.Tests.Chart;

/// <summary>
/// <c>helm lint</c> and <c>helm template</c> on the chart, and the Envoy configuration check on what it
/// renders, in both modes. Needs a helm binary on PATH.
/// </summary>
[TestFixture]
public sealed class HelmChartTests
{
    private const string Skipped = "`helm lint` and `helm template` (Debian ships no helm package)";

    /// <summary>A cluster version the chart supports (Chart.yaml kubeVersion), independent of helm's default.</summary>
    private const string KubeVersion = "1.31.0";

    private static readonly string[] Sidecar =
    [
        "--set", "app.image.repository=registry.example/ehr-api",
        "--set", "app.image.tag=1.0.0",
    ];

    private static readonly string[] Gateway =
    [
        "--set", "mode=gateway",
        "--set", "upstream.host=ehr-api.clinic.svc.cluster.local",
        "--set", "upstream.tls.clientCertificateSecret=ehr-api-client",
        "--set", "upstream.tls.caSecret=ehr-api-ca",
        "--set", "upstream.podSelector.matchLabels.app=ehr-api",
    ];

    private static IEnumerable<TestCaseData> Modes()
    {
        yield return new TestCaseData((object)Sidecar).SetArgDisplayNames("Sidecar");
        yield return new TestCaseData((object)Gateway).SetArgDisplayNames("Gateway");
    }

    [TestCaseSource(nameof(Modes))]
    public void HelmLint_Mode_Passes(string[] values)
    {
        // Arrange
        var helm = ExternalTool.RequireOrIgnore("helm", Skipped);

        // Act
        var result = ExternalTool.Run(helm, ["lint", RepositoryLayout.Chart, "--strict", .. values]);

        // Assert
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
    }

    [TestCaseSource(nameof(Modes))]
    public void HelmTemplate_Mode_EnvoyConfigHoldsEveryGuarantee(string[] values)
    {
        // Arrange
        var rendered = Render(values);
        var envoyConfig = ConfigMapData(rendered, "-envoy", "envoy.yaml");

        // Act
        var findings = EnvoyConfigCheck.Run(YamlFiles.ParseMapping(envoyConfig));

        // Assert
        Assert.That(findings, Is.Empty, string.Join(Environment.NewLine, findings));
    }

    [TestCaseSource(nameof(Modes))]
    public void HelmTemplate_Mode_EveryContainerIsRestricted(string[] values)
    {
        // Arrange
        var pod = Mapping(Mapping(Kind(Render(values), "Deployment"), "spec"), "template");
        var spec = Mapping(pod, "spec");

        // Act
        var problems = Mappings(spec, "containers")
            .SelectMany(c => Restricted.Check(Mapping(c, "securityContext")).Select(p => $"{Scalar(c, "name")}: {p}"))
            .ToList();

        // Assert
        Assert.That(problems, Is.Empty, string.Join(Environment.NewLine, problems));
        Assert.That(Scalar(Mapping(spec, "securityContext"), "runAsNonRoot"), Is.EqualTo("true"));
        Assert.That(Scalar(spec, "automountServiceAccountToken"), Is.EqualTo("false"));
    }

    [Test]
    public void HelmTemplate_SidecarMode_PhiGateConfigPointsAtMountedPolicyAndKeys()
    {
        // Arrange
        var rendered = Render(Sidecar);

        // Act
        var config = YamlFiles.ParseMapping(ConfigMapData(rendered, "-config", "phigate.yaml"));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(Items(Mapping(config, "authz"), "policy_dirs").OfType<YamlScalarNode>().Select(n => n.Value), Is.EqualTo(new[] { "/etc/phigate/policy" }));
            Assert.That(Scalar(Mapping(config, "audit"), "hmac_key_file"), Is.EqualTo("/var/run/secrets/phigate/hmac-key"));
            Assert.That(Scalar(Mapping(config, "audit"), "directory"), Is.EqualTo("/var/log/phigate/audit"));
        });
    }

    [Test]
    public void HelmTemplate_PersistentAuditWithTwoReplicas_Fails()
    {
        // Arrange
        var helm = ExternalTool.RequireOrIgnore("helm", Skipped);

        // Act
        var result = ExternalTool.Run(helm, ["template", "phigate", RepositoryLayout.Chart, "--kube-version", KubeVersion, .. Sidecar, "--set", "audit.persistence.enabled=true"]);

        // Assert
        Assert.That(result.ExitCode, Is.Not.Zero);
        Assert.That(result.Error, Does.Contain("replicaCount 1"));
    }

    [Test]
    public void HelmTemplate_SidecarWithoutApplicationImage_Fails()
    {
        // Arrange
        var helm = ExternalTool.RequireOrIgnore("helm", Skipped);

        // Act
        var result = ExternalTool.Run(helm, ["template", "phigate", RepositoryLayout.Chart, "--kube-version", KubeVersion]);

        // Assert
        Assert.That(result.ExitCode, Is.Not.Zero);
        Assert.That(result.Error, Does.Contain("app.image.repository"));
    }

    [Test]
    public void HelmTemplate_GatewayWithoutUpstreamCertificates_Fails()
    {
        // Arrange: gateway mode always speaks mutual TLS to the application, so it needs both Secrets.
        var helm = ExternalTool.RequireOrIgnore("helm", Skipped);

        // Act
        var result = ExternalTool.Run(helm, ["template", "phigate", RepositoryLayout.Chart, "--kube-version", KubeVersion, "--set", "mode=gateway", "--set", "upstream.host=ehr-api.clinic.svc.cluster.local"]);

        // Assert
        Assert.That(result.ExitCode, Is.Not.Zero);
        Assert.That(result.Error, Does.Contain("upstream.tls.clientCertificateSecret"));
    }

    [Test]
    public void HelmTemplate_ValueOutsideSchema_IsRefused()
    {
        // Arrange
        var helm = ExternalTool.RequireOrIgnore("helm", Skipped);

        // Act
        var result = ExternalTool.Run(helm, ["template", "phigate", RepositoryLayout.Chart, "--kube-version", KubeVersion, .. Sidecar, "--set", "mode=daemonset"]);

        // Assert
        Assert.That(result.ExitCode, Is.Not.Zero, result.ToString());
    }

    private static IReadOnlyList<YamlNode> Render(string[] values)
    {
        var helm = ExternalTool.RequireOrIgnore("helm", Skipped);
        var result = ExternalTool.Run(helm, ["template", "phigate", RepositoryLayout.Chart, "--kube-version", KubeVersion, "--namespace", "clinic", .. values]);
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        return YamlFiles.ParseAll(result.Output);
    }

    private static YamlMappingNode Kind(IReadOnlyList<YamlNode> documents, string kind) =>
        documents.OfType<YamlMappingNode>().Single(d => Scalar(d, "kind") == kind);

    private static string ConfigMapData(IReadOnlyList<YamlNode> documents, string nameSuffix, string key)
    {
        var configMap = documents.OfType<YamlMappingNode>().Single(d =>
            Scalar(d, "kind") == "ConfigMap" &&
            (Scalar(Mapping(d, "metadata"), "name") ?? string.Empty).EndsWith(nameSuffix, StringComparison.Ordinal));
        return Scalar(Mapping(configMap, "data"), key) ?? throw new InvalidOperationException($"ConfigMap data '{key}' missing");
    }
}
