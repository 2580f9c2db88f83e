using System.Text.RegularExpressions;
using PhiGate.Deployment.Tests.Envoy;
using PhiGate.Deployment.Tests.Yaml;
using YamlDotNet.RepresentationModel;

namespace PhiGate.Deployment.Tests.Chart;

/// <summary>Checks of the chart's templates that need no Helm: the parts that are plain YAML.</summary>
[TestFixture]
public sealed partial class ChartTemplateTests
{
    [Test]
    public void ContainerSecurityContext_Helper_IsRestricted()
    {
        // Arrange
        var helper = YamlFiles.ParseMapping(Define("_helpers.tpl", "phigate.containerSecurityContext"));

        // Act
        var context = Restricted.Check(helper);

        // Assert
        Assert.That(context, Is.Empty, string.Join(Environment.NewLine, context));
    }

    [Test]
    public void PodSecurityContext_Helper_IsNonRootWithRuntimeDefaultSeccomp()
    {
        // Arrange: the ids come from values; any number stands in for them here.
        var body = TemplateAction().Replace(Define("_helpers.tpl", "phigate.podSecurityContext"), "1000");

        // Act
        var pod = YamlFiles.ParseMapping(body);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(EnvoyYaml.Scalar(pod, "runAsNonRoot"), Is.EqualTo("true"));
            Assert.That(EnvoyYaml.Scalar(EnvoyYaml.Mapping(pod, "seccompProfile"), "type"), Is.EqualTo("RuntimeDefault"));
        });
    }

    [Test]
    public void Deployment_EveryContainer_IncludesTheRestrictedSecurityContext()
    {
        // Arrange
        var deployment = ChartFiles.Template("deployment.yaml");

        // Act
        var containers = ContainerImage().Count(deployment);
        var restricted = Regex.Count(deployment, @"include ""phigate\.containerSecurityContext""");

        // Assert
        Assert.That(containers, Is.EqualTo(3), "app, phigate and envoy");
        Assert.That(restricted, Is.EqualTo(containers));
    }

    [Test]
    public void Deployment_PhiGate_ServesGrpcOnTheSharedSocketAndProbesItsAdminPort()
    {
        // Arrange
        var deployment = ChartFiles.Template("deployment.yaml");

        // Act
        var probes = Regex.Matches(deployment, @"httpGet: \{ path: /(healthz|readyz), port: admin \}").Select(m => m.Groups[1].Value).ToList();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(deployment, Does.Contain("unix:{{ include \"phigate.socketPath\" . }}"));
            Assert.That(deployment, Does.Contain("emptyDir: { medium: Memory"), "the socket volume");
            Assert.That(probes, Does.Contain("healthz").And.Contain("readyz"));
            Assert.That(deployment, Does.Contain("automountServiceAccountToken: false"));
        });
    }

    [Test]
    public void EnvoyTemplate_SharesTheGuaranteeLinesOfEnvoyYaml()
    {
        // Arrange: without Helm the template cannot be rendered, so hold it to the reference file's
        // guarantee-bearing lines; HelmChartTests runs the full check on the rendered output.
        var template = ChartFiles.Template("_envoy.tpl");
        string[] lines =
        [
            "tls_minimum_protocol_version: TLSv1_3", "tls_maximum_protocol_version: TLSv1_3",
            "require_client_certificate: true", "alpn_protocols: [ h2, http/1.1 ]", "failure_mode_allow: false",
            "include_peer_certificate: true", "response_body_mode: BUFFERED", "allow_mode_override: true",
            "untyped: [ envoy.filters.http.ext_authz ]", "filter_enforced:", "enable_x_ratelimit_headers: DRAFT_VERSION_03",
            "key: strict-transport-security", "socket_address: { address: 127.0.0.1, port_value: {{ .Values.envoy.adminPort | int }} }",
            "outlier_detection:", "circuit_breakers:", "http2_protocol_options:", "validate_mutations: true", "disallow_is_error: true",
        ];

        // Act
        var missing = lines.Where(line => !template.Contains(line, StringComparison.Ordinal)).ToList();

        // Assert
        Assert.That(missing, Is.Empty);
        Assert.That(FilterNames(template), Is.EqualTo(FilterNames(File.ReadAllText(RepositoryLayout.EnvoyConfig))));
    }

    [Test]
    public void NetworkPolicy_Ingress_AdmitsOnlyTheListenerPortByDefault()
    {
        // Arrange
        var policy = ChartFiles.Template("networkpolicy.yaml");

        // Act
        var ingress = policy[policy.IndexOf("  ingress:", StringComparison.Ordinal)..policy.IndexOf("  egress:", StringComparison.Ordinal)];
        var ports = Regex.Matches(ingress, @"port: \{\{ \.Values\.([a-zA-Z.]+) \| int \}\}").Select(m => m.Groups[1].Value).ToList();

        // Assert
        Assert.That(ports, Is.EqualTo(new[] { "listener.port", "phigate.adminPort" }));
        Assert.That(ingress, Does.Contain("{{- if .Values.serviceMonitor.enabled }}"), "the admin port opens only for the scraper");
        Assert.That(policy, Does.Contain("policyTypes: [ Ingress, Egress ]"));
    }

    /// <summary>The body of a <c>{{- define "NAME" -}}</c> block.</summary>
    private static string Define(string file, string name)
    {
        var text = ChartFiles.Template(file);
        var start = text.IndexOf($"{{{{- define \"{name}\" -}}}}", StringComparison.Ordinal);
        Assert.That(start, Is.GreaterThanOrEqualTo(0), $"define {name} not found in {file}");
        var bodyStart = text.IndexOf('\n', start) + 1;
        var end = text.IndexOf("{{- end }}", bodyStart, StringComparison.Ordinal);
        return text[bodyStart..end];
    }

    private static List<string> FilterNames(string text) =>
        [.. Regex.Matches(text, @"- name: (envoy\.filters\.http\.[a-z_]+)").Select(m => m.Groups[1].Value)];

    [GeneratedRegex(@"\{\{[^}]*\}\}")]
    private static partial Regex TemplateAction();

    [GeneratedRegex(@"^\s+image: ", RegexOptions.Multiline)]
    private static partial Regex ContainerImage();
}
