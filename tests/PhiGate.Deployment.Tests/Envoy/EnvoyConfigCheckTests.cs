namespace PhiGate.Deployment.Tests.Envoy;

[TestFixture]
public sealed class EnvoyConfigCheckTests
{
    [Test]
    public void Run_ShippedSidecarConfig_HoldsEveryGuarantee()
    {
        // Arrange
        var bootstrap = EnvoyConfigFiles.Sidecar();

        // Act
        var findings = EnvoyConfigCheck.Run(bootstrap);

        // Assert
        Assert.That(findings, Is.Empty, string.Join(Environment.NewLine, findings));
    }

    [Test]
    public void Run_ShippedConfigWithMtlsUpstream_HoldsEveryGuarantee()
    {
        // Arrange
        var bootstrap = EnvoyConfigFiles.WithMtlsUpstream();

        // Act
        var findings = EnvoyConfigCheck.Run(bootstrap);

        // Assert
        Assert.That(findings, Is.Empty, string.Join(Environment.NewLine, findings));
    }

    [Test]
    public void Run_MtlsUpstream_ChecksTheTlsCluster()
    {
        // Arrange: prove the mTLS cluster really is inspected, not skipped as PhiGate's socket.
        var bootstrap = EnvoyConfigFiles.WithMtlsUpstream();
        Yaml.YamlPath.Remove(bootstrap, "static_resources/clusters[name=app]/transport_socket");

        // Act
        var findings = EnvoyConfigCheck.Run(bootstrap);

        // Assert
        Assert.That(findings.Select(f => f.Guarantee), Is.EqualTo(new[] { Guarantee.UpstreamPlaintextOnlyOnLoopback }));
    }

    [Test]
    public void Run_EmptyBootstrap_ReportsMissingListener()
    {
        // Arrange
        var bootstrap = Yaml.YamlFiles.ParseMapping("static_resources: {}");

        // Act
        var findings = EnvoyConfigCheck.Run(bootstrap);

        // Assert
        Assert.That(findings.Select(f => f.Guarantee), Is.EqualTo(new[] { Guarantee.NoPlaintextListener }));
    }

    [Test]
    public void Run_SerializedAndReloaded_HoldsEveryGuarantee()
    {
        // Arrange: the mutation tests work on re-serialized copies; the round trip must not change meaning.
        var text = EnvoyConfigFiles.Serialize(EnvoyConfigFiles.Sidecar());

        // Act
        var findings = EnvoyConfigCheck.Run(Yaml.YamlFiles.ParseMapping(text));

        // Assert
        Assert.That(findings, Is.Empty, string.Join(Environment.NewLine, findings));
    }
}
