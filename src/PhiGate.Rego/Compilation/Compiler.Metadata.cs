using PhiGate.Rego.Ast;
using PhiGate.Rego.Values;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PhiGate.Rego.Compilation;

/// <summary>Turns METADATA comment blocks into the values <c>rego.metadata.rule()</c> and <c>rego.metadata.chain()</c> return.</summary>
internal sealed partial class Compiler
{
    private Rule? _currentRule;

    private Term? MetadataCall(CallTerm call)
    {
        if (call.Args.Length != 0 || call.Name is not ["rego", "metadata", "rule" or "chain"])
        {
            return null;
        }

        if (_currentRule is null)
        {
            return null;
        }

        var rule = _currentRule;
        var ruleAnn = rule.Annotations.FirstOrDefault(a => a.Scope == "rule");
        if (call.Name[2] == "rule")
        {
            return new ValueTerm(ruleAnn is null ? ObjectValue.Empty : AnnotationValue(ruleAnn), call.Location);
        }

        var chain = new List<Value>();
        var rulePath = Value.NewArray([.. rule.Path.Select(Value.From)]);
        chain.Add(ruleAnn is null ? Value.NewObject(("path", rulePath)) : Value.NewObject(("annotations", AnnotationValue(ruleAnn)), ("path", rulePath)));
        var node = _root.Find(rule.Path);
        var doc = node?.Rules.Append(node.Default).SelectMany(r => r?.Annotations ?? []).FirstOrDefault(a => a.Scope == "document");
        if (doc is not null)
        {
            chain.Add(Value.NewObject(("annotations", AnnotationValue(doc)), ("path", rulePath)));
        }

        var samePackage = _modules.Where(m => rule.Module is not null && m.Package.SequenceEqual(rule.Module.Package));
        if (samePackage.SelectMany(m => m.Annotations).FirstOrDefault(a => a.Scope == "package") is { } pkg && rule.Module is not null)
        {
            chain.Add(Value.NewObject(("annotations", AnnotationValue(pkg)), ("path", Value.NewArray([.. rule.Module.Package.Select(Value.From)]))));
        }

        return new ValueTerm(Value.NewArray([.. chain]), call.Location);
    }

    private static Value AnnotationValue(Annotation a)
    {
        var b = new ObjectBuilder();
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(a.Text));
            if (stream.Documents.Count > 0 && stream.Documents[0].RootNode is YamlMappingNode map)
            {
                foreach (var (k, v) in map.Children)
                {
                    var key = (k as YamlScalarNode)?.Value ?? string.Empty;
                    var value = Yaml(v);
                    if (key == "authors" && value is ArrayValue authors)
                    {
                        value = Value.NewArray([.. authors.Items.ToArray().Select(Author)]);
                    }

                    b.Add(key, value);
                }
            }
        }
        catch (YamlException)
        {
            // Malformed metadata yields only the scope, never a compile crash.
        }

        b.Add("scope", Value.From(a.Scope));
        return b.Build();
    }

    private static Value Author(Value v)
    {
        if (v is not StringValue s)
        {
            return v;
        }

        var text = s.Value.Trim();
        var lt = text.LastIndexOf('<');
        if (lt >= 0 && text.EndsWith('>'))
        {
            var name = text[..lt].Trim();
            var email = text[(lt + 1)..^1].Trim();
            return name.Length == 0 ? Value.NewObject(("email", Value.From(email))) : Value.NewObject(("email", Value.From(email)), ("name", Value.From(name)));
        }

        return Value.NewObject(("name", Value.From(text)));
    }

    private static Value Yaml(YamlNode node) => node switch
    {
        YamlMappingNode m => BuildObject(m),
        YamlSequenceNode s => Value.NewArray([.. s.Children.Select(Yaml)]),
        YamlScalarNode sc when sc.Style is ScalarStyle.Plain && sc.Value is "true" or "false" => Value.From(sc.Value == "true"),
        YamlScalarNode sc when sc.Style is ScalarStyle.Plain && sc.Value is "null" or "~" => Value.Null,
        YamlScalarNode sc when sc.Style is ScalarStyle.Plain && NumberValue.TryParse(sc.Value ?? string.Empty, out var n) => n,
        YamlScalarNode sc => Value.From(sc.Value ?? string.Empty),
        _ => Value.Null,
    };

    private static ObjectValue BuildObject(YamlMappingNode m)
    {
        var b = new ObjectBuilder(m.Children.Count);
        foreach (var (k, v) in m.Children)
        {
            b.Add((k as YamlScalarNode)?.Value ?? string.Empty, Yaml(v));
        }

        return b.Build();
    }
}
