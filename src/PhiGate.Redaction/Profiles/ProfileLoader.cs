using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PhiGate.Redaction.Profiles;

/// <summary>
/// Reads redaction profiles from YAML. Every problem is collected (not only the first) and reported
/// as one line naming the YAML key, e.g. <c>profiles.research.rules.phone: unknown operator 'blur'</c>.
/// </summary>
/// <remarks>
/// Shape:
/// <code>
/// profiles:
///   research:
///     extends: safe_harbor        # optional: start from another profile (default: strict)
///     hash_key_id: research-2026  # required when a rule uses hash
///     rules:
///       name: hash
///       phone: { operator: mask, keep_last: 4 }
///       date: generalize
/// </code>
/// </remarks>
public static class ProfileLoader
{
    /// <summary>Parses profile YAML text.</summary>
    public static ProfileLoadResult Load(string yaml)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var errors = new List<string>();
        var stream = new YamlStream();
        try
        {
            using var reader = new StringReader(yaml);
            stream.Load(reader);
        }
        catch (YamlException ex)
        {
            // The parser message may quote document text, so only the position is reported.
            return ProfileLoadResult.Failed([$"profiles: invalid YAML at line {ex.Start.Line}, column {ex.Start.Column}"]);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            return ProfileLoadResult.Failed(["profiles: the document must be a mapping with a 'profiles' key"]);
        }

        if (!root.Children.TryGetValue(new YamlScalarNode("profiles"), out var profilesNode) || profilesNode is not YamlMappingNode profilesMap)
        {
            return ProfileLoadResult.Failed(["profiles: missing or not a mapping of profile names"]);
        }

        var raw = new Dictionary<string, YamlMappingNode>(StringComparer.Ordinal);
        foreach (var (keyNode, valueNode) in profilesMap.Children)
        {
            var name = (keyNode as YamlScalarNode)?.Value ?? string.Empty;
            if (!IsValidName(name))
            {
                errors.Add($"profiles: invalid profile name (use letters, digits, '_' and '-')");
                continue;
            }

            if (valueNode is not YamlMappingNode body)
            {
                errors.Add($"profiles.{name}: must be a mapping");
                continue;
            }

            raw[name] = body;
        }

        var built = new Dictionary<string, RedactionProfile>(StringComparer.Ordinal);
        foreach (var name in raw.Keys)
        {
            Build(name, raw, built, errors, []);
        }

        return errors.Count > 0 ? ProfileLoadResult.Failed(errors) : ProfileLoadResult.Loaded([.. built.Values]);
    }

    /// <summary>Reads and parses a profile file.</summary>
    public static ProfileLoadResult LoadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            return ProfileLoadResult.Failed(["redaction.profiles_file: file not found"]);
        }

        return Load(File.ReadAllText(path));
    }

    private static RedactionProfile? Build(
        string name,
        Dictionary<string, YamlMappingNode> raw,
        Dictionary<string, RedactionProfile> built,
        List<string> errors,
        HashSet<string> visiting)
    {
        if (built.TryGetValue(name, out var done))
        {
            return done;
        }

        if (!visiting.Add(name))
        {
            errors.Add($"profiles.{name}.extends: cycle");
            return null;
        }

        var body = raw[name];
        var rules = new Dictionary<PhiCategory, CategoryRule>();
        string? hashKeyId = null;
        foreach (var (keyNode, valueNode) in body.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? string.Empty;
            switch (key)
            {
                case "extends":
                    var parentName = (valueNode as YamlScalarNode)?.Value ?? string.Empty;
                    var parent = ResolveParent(parentName, name, raw, built, errors, visiting);
                    if (parent is not null)
                    {
                        foreach (var (category, rule) in parent.Rules)
                        {
                            rules.TryAdd(category, rule);
                        }

                        hashKeyId ??= parent.HashKeyId;
                    }

                    break;
                case "hash_key_id":
                    hashKeyId = (valueNode as YamlScalarNode)?.Value;
                    if (string.IsNullOrWhiteSpace(hashKeyId))
                    {
                        errors.Add($"profiles.{name}.hash_key_id: must be a non-empty string");
                    }

                    break;
                case "rules":
                    if (valueNode is not YamlMappingNode ruleMap)
                    {
                        errors.Add($"profiles.{name}.rules: must be a mapping of category to operator");
                        break;
                    }

                    foreach (var (categoryNode, ruleNode) in ruleMap.Children)
                    {
                        var categoryName = (categoryNode as YamlScalarNode)?.Value ?? string.Empty;
                        if (!PhiCategories.TryParse(categoryName, out var category))
                        {
                            errors.Add($"profiles.{name}.rules: unknown category '{Printable(categoryName)}'");
                            continue;
                        }

                        if (ParseRule(ruleNode, $"profiles.{name}.rules.{categoryName}", errors) is { } rule)
                        {
                            rules[category] = rule;
                        }
                    }

                    break;
                default:
                    errors.Add($"profiles.{name}: unknown key '{Printable(key)}'");
                    break;
            }
        }

        visiting.Remove(name);
        var profile = new RedactionProfile(name, rules, hashKeyId);
        if (profile.UsesHash && hashKeyId is null)
        {
            errors.Add($"profiles.{name}.hash_key_id: required because a rule uses hash");
        }

        built[name] = profile;
        return profile;
    }

    private static RedactionProfile? ResolveParent(
        string parentName,
        string name,
        Dictionary<string, YamlMappingNode> raw,
        Dictionary<string, RedactionProfile> built,
        List<string> errors,
        HashSet<string> visiting)
    {
        if (raw.ContainsKey(parentName))
        {
            return Build(parentName, raw, built, errors, visiting);
        }

        if (RedactionProfileSet.BuiltIn.TryGet(parentName, out var builtIn))
        {
            return builtIn;
        }

        errors.Add($"profiles.{name}.extends: unknown profile '{Printable(parentName)}'");
        return null;
    }

    private static CategoryRule? ParseRule(YamlNode node, string path, List<string> errors)
    {
        string? operatorName;
        var keepLast = 4;
        if (node is YamlScalarNode scalar)
        {
            operatorName = scalar.Value;
        }
        else if (node is YamlMappingNode map)
        {
            operatorName = null;
            foreach (var (keyNode, valueNode) in map.Children)
            {
                var key = (keyNode as YamlScalarNode)?.Value;
                var value = (valueNode as YamlScalarNode)?.Value;
                if (key == "operator")
                {
                    operatorName = value;
                }
                else if (key == "keep_last")
                {
                    if (!int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out keepLast) || keepLast > 64)
                    {
                        errors.Add($"{path}.keep_last: must be an integer from 0 to 64");
                        return null;
                    }
                }
                else
                {
                    errors.Add($"{path}: unknown key '{Printable(key ?? string.Empty)}'");
                    return null;
                }
            }
        }
        else
        {
            errors.Add($"{path}: must be an operator name or a mapping");
            return null;
        }

        OperatorKind? kind = operatorName switch
        {
            "redact" => OperatorKind.Redact,
            "mask" => OperatorKind.Mask,
            "hash" => OperatorKind.Hash,
            "generalize" or "generalise" => OperatorKind.Generalize,
            "keep" => OperatorKind.Keep,
            _ => null,
        };
        if (kind is null)
        {
            errors.Add($"{path}: unknown operator '{Printable(operatorName ?? string.Empty)}' (redact, mask, hash, generalize, keep)");
            return null;
        }

        return new CategoryRule(kind.Value, kind == OperatorKind.Mask ? keepLast : 0);
    }

    private static bool IsValidName(string name) =>
        name.Length is > 0 and <= 64 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');

    // Configuration text is not PHI, but keep echoed keys short and printable.
    private static string Printable(string value) =>
        new([.. value.Take(40).Select(c => char.IsControl(c) ? '?' : c)]);
}

/// <summary>The outcome of loading profiles: the profiles, or every error found.</summary>
public sealed class ProfileLoadResult
{
    private ProfileLoadResult(IReadOnlyList<RedactionProfile> profiles, IReadOnlyList<string> errors)
    {
        Profiles = profiles;
        Errors = errors;
    }

    /// <summary>True when there are no errors.</summary>
    public bool Succeeded => Errors.Count == 0;

    /// <summary>The loaded profiles (empty on failure).</summary>
    public IReadOnlyList<RedactionProfile> Profiles { get; }

    /// <summary>One line per problem, each naming the YAML key.</summary>
    public IReadOnlyList<string> Errors { get; }

    internal static ProfileLoadResult Loaded(IReadOnlyList<RedactionProfile> profiles) => new(profiles, []);

    internal static ProfileLoadResult Failed(IReadOnlyList<string> errors) => new([], errors);
}
