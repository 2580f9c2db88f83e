using System.Globalization;
using System.Text.RegularExpressions;
using PhiGate.Rego.Values;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PhiGate.Conformance;

/// <summary>Reads case files; YAML is converted to JSON values the way OPA's loader converts it.</summary>
internal static partial class CaseLoader
{
    public static List<ConformanceCase> LoadDirectory(string dir)
    {
        var list = new List<ConformanceCase>();
        var files = Directory.GetFiles(dir, "*.yaml", SearchOption.AllDirectories)
            .Concat(Directory.GetFiles(dir, "*.yml", SearchOption.AllDirectories))
            .OrderBy(f => f, StringComparer.Ordinal);
        foreach (var file in files)
        {
            list.AddRange(LoadFile(file, Path.GetRelativePath(dir, file).Replace('\\', '/')));
        }

        return list;
    }

    public static List<ConformanceCase> LoadFile(string path, string relative)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(path))
        {
            stream.Load(reader);
        }

        var result = new List<ConformanceCase>();
        foreach (var doc in stream.Documents)
        {
            if (doc.RootNode is not YamlMappingNode root || !root.Children.TryGetValue(new YamlScalarNode("cases"), out var cases) || cases is not YamlSequenceNode seq)
            {
                continue;
            }

            foreach (var node in seq.Children.OfType<YamlMappingNode>())
            {
                result.Add(ToCase(node, relative));
            }
        }

        return result;
    }

    private static ConformanceCase ToCase(YamlMappingNode m, string file)
    {
        string? Str(string key) => m.Children.TryGetValue(new YamlScalarNode(key), out var n) && n is YamlScalarNode s ? s.Value : null;
        YamlNode? Node(string key) => m.Children.TryGetValue(new YamlScalarNode(key), out var n) ? n : null;
        bool Flag(string key) => Str(key) is { } s && s.Equals("true", StringComparison.OrdinalIgnoreCase);

        var modules = Node("modules") is YamlSequenceNode ms ? ms.Children.OfType<YamlScalarNode>().Select(s => s.Value ?? string.Empty).ToList() : [];
        List<Value>? want = null;
        if (Node("want_result") is { } wr)
        {
            want = wr is YamlSequenceNode ws ? ws.Children.Select(ToValue).ToList() : [];
        }

        return new ConformanceCase
        {
            Note = Str("note") ?? file,
            File = file,
            Query = Str("query") ?? string.Empty,
            Modules = modules,
            Data = Node("data") is { } d ? ToValue(d) : null,
            Input = Node("input") is { } i ? ToValue(i) : null,
            InputTerm = Str("input_term"),
            WantResult = want,
            WantError = Str("want_error"),
            WantErrorCode = Str("want_error_code"),
            StrictError = Flag("strict_error"),
            SortBindings = Flag("sort_bindings"),
            IgnoreGeneratedVars = Flag("ignore_generated_vars"),
        };
    }

    public static Value ToValue(YamlNode node)
    {
        switch (node)
        {
            case YamlMappingNode map:
                var b = new ObjectBuilder(map.Children.Count);
                foreach (var (k, v) in map.Children)
                {
                    var key = k is YamlScalarNode ks ? KeyText(ks) : string.Empty;
                    b.Add(key, ToValue(v));
                }

                return b.Build();
            case YamlSequenceNode seq:
                return Value.NewArray([.. seq.Children.Select(ToValue)]);
            case YamlScalarNode s:
                return Scalar(s);
            default:
                return Value.Null;
        }
    }

    private static string KeyText(YamlScalarNode s)
    {
        var v = Scalar(s);
        return v is StringValue str ? str.Value : JsonText.Serialize(v);
    }

    private static Value Scalar(YamlScalarNode s)
    {
        var text = s.Value ?? string.Empty;
        if (s.Style is not (ScalarStyle.Plain or ScalarStyle.Any))
        {
            return Value.From(text);
        }

        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return Value.Null;
            case "true" or "True" or "TRUE":
                return Value.True;
            case "false" or "False" or "FALSE":
                return Value.False;
        }

        if (IntPattern().IsMatch(text) && NumberValue.TryParse(text.TrimStart('+'), out var n))
        {
            return n;
        }

        if (FloatPattern().IsMatch(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
        {
            return NumberValue.TryParse(text.TrimStart('+'), out var fn) ? fn : Value.From(d);
        }

        return Value.From(text);
    }

    [GeneratedRegex(@"^[-+]?[0-9]+$")]
    private static partial Regex IntPattern();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatPattern();
}
