using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace PhiGate.Deployment.Tests.Envoy;

/// <summary>Small readers for Envoy's YAML: child lookup, booleans, durations, fractional percents.</summary>
internal static class EnvoyYaml
{
    public static YamlNode? Child(YamlNode? node, string key) =>
        node is YamlMappingNode mapping && mapping.Children.TryGetValue(new YamlScalarNode(key), out var child)
            ? child
            : null;

    public static YamlMappingNode? Mapping(YamlNode? node, string key) => Child(node, key) as YamlMappingNode;

    public static IEnumerable<YamlNode> Items(YamlNode? node, string key) =>
        Child(node, key) is YamlSequenceNode sequence ? sequence.Children : [];

    public static IEnumerable<YamlMappingNode> Mappings(YamlNode? node, string key) =>
        Items(node, key).OfType<YamlMappingNode>();

    public static string? Scalar(YamlNode? node, string key) => (Child(node, key) as YamlScalarNode)?.Value;

    public static bool IsTrue(YamlNode? node, string key) =>
        string.Equals(Scalar(node, key), "true", StringComparison.OrdinalIgnoreCase);

    public static bool IsFalse(YamlNode? node, string key) =>
        string.Equals(Scalar(node, key), "false", StringComparison.OrdinalIgnoreCase);

    public static long? Integer(YamlNode? node, string key) =>
        long.TryParse(Scalar(node, key), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>A typed_config's message type, the part of <c>@type</c> after the last '/'.</summary>
    public static string? TypeName(YamlNode? typedConfig) => Scalar(typedConfig, "@type")?.Split('/')[^1];

    /// <summary>Reads a protobuf JSON duration such as <c>0.25s</c> (the only form Envoy accepts).</summary>
    public static TimeSpan? Duration(YamlNode? node, string key)
    {
        var text = Scalar(node, key);
        if (text is null || !text.EndsWith('s') ||
            !decimal.TryParse(text[..^1], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds))
        {
            return null;
        }

        return TimeSpan.FromTicks((long)(seconds * TimeSpan.TicksPerSecond));
    }

    /// <summary>
    /// Whether a RuntimeFractionalPercent (<c>{ default_value: { numerator, denominator } }</c>) is 100%.
    /// An absent field is Envoy's default, which the caller states.
    /// </summary>
    public static bool IsHundredPercent(YamlNode? runtimeFraction, bool whenAbsent)
    {
        if (runtimeFraction is null)
        {
            return whenAbsent;
        }

        var value = Mapping(runtimeFraction, "default_value");
        var numerator = Integer(value, "numerator") ?? 0;
        var denominator = (Scalar(value, "denominator") ?? "HUNDRED") switch
        {
            "HUNDRED" => 100L,
            "TEN_THOUSAND" => 10_000L,
            "MILLION" => 1_000_000L,
            _ => long.MaxValue,
        };
        return numerator >= denominator;
    }
}
