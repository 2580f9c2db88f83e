using YamlDotNet.RepresentationModel;
using static PhiGate.Deployment.Tests.Envoy.EnvoyYaml;

namespace PhiGate.Deployment.Tests.Chart;

/// <summary>The container settings the Kubernetes "restricted" Pod Security Standard requires, and more.</summary>
internal static class Restricted
{
    /// <summary>Each setting of a container securityContext that falls short.</summary>
    public static IReadOnlyList<string> Check(YamlMappingNode? context)
    {
        var problems = new List<string>();
        if (!IsTrue(context, "runAsNonRoot"))
        {
            problems.Add("runAsNonRoot is not true");
        }

        if (!IsFalse(context, "allowPrivilegeEscalation"))
        {
            problems.Add("allowPrivilegeEscalation is not false");
        }

        if (!IsTrue(context, "readOnlyRootFilesystem"))
        {
            problems.Add("readOnlyRootFilesystem is not true");
        }

        if (IsTrue(context, "privileged"))
        {
            problems.Add("privileged is true");
        }

        var dropped = Items(Mapping(context, "capabilities"), "drop").OfType<YamlScalarNode>().Select(n => n.Value).ToList();
        if (!dropped.Contains("ALL") || Child(Mapping(context, "capabilities"), "add") is not null)
        {
            problems.Add("capabilities do not drop ALL (or add some back)");
        }

        if (Scalar(Mapping(context, "seccompProfile"), "type") != "RuntimeDefault")
        {
            problems.Add("seccompProfile is not RuntimeDefault");
        }

        return problems;
    }
}
