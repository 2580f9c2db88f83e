using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;
using static PhiGate.Deployment.Tests.Envoy.EnvoyYaml;

namespace PhiGate.Deployment.Tests.Envoy;

internal sealed partial class EnvoyConfigCheck
{
    /// <summary>Request or response headers an access log may record: none of them can hold PHI.</summary>
    private static readonly HashSet<string> LoggableHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "x-request-id", ":method", ":scheme", "traceparent", "content-type", "content-length",
    };

    /// <summary>Format operators that print paths, metadata or arbitrary state.</summary>
    private static readonly Regex UnsafeOperator = new(
        @"%(PATH|DYNAMIC_METADATA|CLUSTER_METADATA|UPSTREAM_METADATA|FILTER_STATE|UPSTREAM_FILTER_STATE|CEL|METADATA|REQUEST_HEADERS|RESPONSE_HEADERS|DOWNSTREAM_PEER_SUBJECT|DOWNSTREAM_PEER_CERT|DOWNSTREAM_PEER_URI_SAN|DOWNSTREAM_PEER_DNS_SAN|REQUESTED_SERVER_NAME)\b",
        RegexOptions.IgnoreCase);

    /// <summary><c>%REQ(NAME?ALTERNATIVE):LENGTH%</c> and its siblings; group 1 holds the names.</summary>
    private static readonly Regex HeaderOperator = new(
        @"%(?:REQ|RESP|TRAILER|REQ_WITHOUT_QUERY)\(([^)]*)\)",
        RegexOptions.IgnoreCase);

    private void CheckAccessLogs(string where, YamlNode? owner)
    {
        foreach (var log in Mappings(owner, "access_log"))
        {
            var config = Mapping(log, "typed_config");
            var format = Mapping(config, "log_format");
            var texts = FormatStrings(format).ToList();
            if (texts.Count == 0)
            {
                Report(Guarantee.AccessLogWithoutPhi, $"{where}: access log '{Scalar(log, "name")}' has no explicit log_format; Envoy's default records the path");
                continue;
            }

            foreach (var text in texts)
            {
                if (Problem(text) is { } problem)
                {
                    Report(Guarantee.AccessLogWithoutPhi, $"{where}: access log records {problem}");
                }
            }
        }
    }

    private static string? Problem(string text)
    {
        var unsafeOperator = UnsafeOperator.Match(text);
        if (unsafeOperator.Success)
        {
            return unsafeOperator.Value;
        }

        foreach (Match header in HeaderOperator.Matches(text))
        {
            foreach (var name in header.Groups[1].Value.Split('?'))
            {
                if (!LoggableHeaders.Contains(name.Trim()))
                {
                    return $"header '{name.Trim()}'";
                }
            }
        }

        return null;
    }

    private static IEnumerable<string> FormatStrings(YamlMappingNode? format)
    {
        if (Scalar(format, "text_format") is { } legacy)
        {
            yield return legacy;
        }

        if (Scalar(Mapping(format, "text_format_source"), "inline_string") is { } inline)
        {
            yield return inline;
        }

        foreach (var value in Leaves(Mapping(format, "json_format")))
        {
            yield return value;
        }
    }

    private static IEnumerable<string> Leaves(YamlNode? node) => node switch
    {
        YamlScalarNode scalar when scalar.Value is not null => [scalar.Value],
        YamlMappingNode mapping => mapping.Children.Values.SelectMany(Leaves),
        YamlSequenceNode sequence => sequence.Children.SelectMany(Leaves),
        _ => [],
    };
}
