using PhiGate.Rego.Values;

namespace PhiGate.Rego.Builtins;

/// <summary>
/// Checks a parsed schema the way a GraphQL schema loader does at its core: every referenced type exists,
/// object fields point at output types, input fields at input types, unions hold object types, implemented
/// interfaces exist and are interfaces, and the schema's root operation types are defined objects.
/// </summary>
internal static class GraphQlSchemaCheck
{
    private static readonly string[] BuiltInScalars = ["String", "Int", "Float", "Boolean", "ID"];

    public static bool IsValid(ObjectValue document)
    {
        var kinds = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var scalar in BuiltInScalars)
        {
            kinds[scalar] = "SCALAR";
        }

        var all = List(document, "Definitions").Concat(List(document, "Extensions")).OfType<ObjectValue>().ToList();
        foreach (var def in List(document, "Definitions").OfType<ObjectValue>())
        {
            var name = Str(def, "Name");
            if (kinds.ContainsKey(name) && !BuiltInScalars.Contains(name))
            {
                return false;
            }

            kinds[name] = Str(def, "Kind");
        }

        foreach (var ext in List(document, "Extensions").OfType<ObjectValue>())
        {
            // An extension must extend a type of its own kind.
            if (!kinds.TryAdd(Str(ext, "Name"), Str(ext, "Kind")) && kinds[Str(ext, "Name")] != Str(ext, "Kind"))
            {
                return false;
            }
        }

        foreach (var def in all)
        {
            var kind = Str(def, "Kind");
            foreach (var field in List(def, "Fields").OfType<ObjectValue>())
            {
                if (!TypeOk(field.Get("Type"), kinds, input: kind == "INPUT_OBJECT"))
                {
                    return false;
                }

                foreach (var arg in List(field, "Arguments").OfType<ObjectValue>())
                {
                    if (!TypeOk(arg.Get("Type"), kinds, input: true))
                    {
                        return false;
                    }
                }
            }

            foreach (var member in List(def, "Types"))
            {
                if (member is not StringValue m || kinds.GetValueOrDefault(m.Value) != "OBJECT")
                {
                    return false;
                }
            }

            foreach (var iface in List(def, "Interfaces"))
            {
                if (iface is not StringValue i || kinds.GetValueOrDefault(i.Value) != "INTERFACE")
                {
                    return false;
                }
            }

            if (kind == "ENUM" && List(def, "EnumValues").Count == 0 && List(document, "Definitions").Contains(def))
            {
                return false;
            }
        }

        if (!DirectivesDefined(document, all) || !InterfacesImplemented(all))
        {
            return false;
        }

        foreach (var schema in List(document, "Schema").Concat(List(document, "SchemaExtension")).OfType<ObjectValue>())
        {
            foreach (var op in List(schema, "OperationTypes").OfType<ObjectValue>())
            {
                if (kinds.GetValueOrDefault(Str(op, "Type")) != "OBJECT")
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static readonly string[] BuiltInDirectives = ["skip", "include", "deprecated", "specifiedBy", "oneOf", "defer"];

    /// <summary>Every directive applied in the schema is built in or defined by it.</summary>
    private static bool DirectivesDefined(ObjectValue document, List<ObjectValue> definitions)
    {
        var known = new HashSet<string>(BuiltInDirectives, StringComparer.Ordinal);
        foreach (var d in List(document, "Directives").OfType<ObjectValue>())
        {
            known.Add(Str(d, "Name"));
        }

        bool Ok(ObjectValue node) => List(node, "Directives").OfType<ObjectValue>().All(d => known.Contains(Str(d, "Name")));
        foreach (var def in definitions)
        {
            if (!Ok(def) || List(def, "Fields").OfType<ObjectValue>().Any(f => !Ok(f) || List(f, "Arguments").OfType<ObjectValue>().Any(a => !Ok(a)))
                || List(def, "EnumValues").OfType<ObjectValue>().Any(e => !Ok(e)))
            {
                return false;
            }
        }

        return List(document, "Schema").Concat(List(document, "SchemaExtension")).OfType<ObjectValue>().All(Ok);
    }

    /// <summary>A type implementing an interface declares its fields and, transitively, the interface's own interfaces.</summary>
    private static bool InterfacesImplemented(List<ObjectValue> definitions)
    {
        var byName = new Dictionary<string, ObjectValue>(StringComparer.Ordinal);
        foreach (var def in definitions)
        {
            byName.TryAdd(Str(def, "Name"), def);
        }

        foreach (var def in definitions)
        {
            var declared = List(def, "Interfaces").OfType<StringValue>().Select(v => v.Value).ToHashSet(StringComparer.Ordinal);
            var fields = List(def, "Fields").OfType<ObjectValue>().Select(f => Str(f, "Name")).ToHashSet(StringComparer.Ordinal);
            foreach (var name in declared)
            {
                if (!byName.TryGetValue(name, out var iface))
                {
                    continue;
                }

                if (List(iface, "Interfaces").OfType<StringValue>().Any(i => !declared.Contains(i.Value))
                    || List(iface, "Fields").OfType<ObjectValue>().Any(f => !fields.Contains(Str(f, "Name"))))
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static bool TypeOk(Value? type, Dictionary<string, string> kinds, bool input)
    {
        while (type is ObjectValue t && t.Get("Elem") is ObjectValue elem)
        {
            type = elem;
        }

        if (type is not ObjectValue named || !kinds.TryGetValue(Str(named, "NamedType"), out var kind))
        {
            return false;
        }

        return input ? kind is "SCALAR" or "ENUM" or "INPUT_OBJECT" : kind is not "INPUT_OBJECT";
    }

    private static List<Value> List(ObjectValue o, string key) => o.Get(key) is ArrayValue a ? [.. a.Items] : [];

    private static string Str(ObjectValue o, string key) => o.Get(key) is StringValue s ? s.Value : string.Empty;
}
