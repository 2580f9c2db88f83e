using PhiGate.Rego.Values;

namespace PhiGate.Rego.Builtins;

/// <summary>
/// Validates a parsed query against a parsed schema with the core GraphQL rules: root operation types exist,
/// selected fields exist on their parent type, arguments are declared and required ones are given, leaf
/// fields have no selections and composite fields have some, fragments exist, and variables are defined
/// and used.
/// </summary>
internal sealed class GraphQlQueryCheck
{
    private readonly Dictionary<string, (string Kind, List<ObjectValue> Fields)> _types = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ObjectValue> _fragments = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _roots = new(StringComparer.Ordinal) { ["query"] = "Query", ["mutation"] = "Mutation", ["subscription"] = "Subscription" };

    private GraphQlQueryCheck(ObjectValue schema, ObjectValue query)
    {
        foreach (var scalar in (string[])["String", "Int", "Float", "Boolean", "ID"])
        {
            _types[scalar] = ("SCALAR", []);
        }

        foreach (var def in List(schema, "Definitions").Concat(List(schema, "Extensions")).OfType<ObjectValue>())
        {
            var name = Str(def, "Name");
            if (!_types.TryGetValue(name, out var entry))
            {
                entry = (Str(def, "Kind"), []);
                _types[name] = entry;
            }

            entry.Fields.AddRange(List(def, "Fields").OfType<ObjectValue>());
        }

        foreach (var s in List(schema, "Schema").OfType<ObjectValue>())
        {
            foreach (var op in List(s, "OperationTypes").OfType<ObjectValue>())
            {
                _roots[Str(op, "Operation")] = Str(op, "Type");
            }
        }

        foreach (var fragment in List(query, "Fragments").OfType<ObjectValue>())
        {
            _fragments[Str(fragment, "Name")] = fragment;
        }
    }

    public static bool IsValid(ObjectValue schema, ObjectValue query)
    {
        if (!GraphQlSchemaCheck.IsValid(schema))
        {
            return false;
        }

        var check = new GraphQlQueryCheck(schema, query);
        foreach (var fragment in check._fragments.Values)
        {
            var usedInFragment = new HashSet<string>(StringComparer.Ordinal);
            if (!check._types.ContainsKey(Str(fragment, "TypeCondition"))
                || !check.Selections(List(fragment, "SelectionSet"), Str(fragment, "TypeCondition"), usedInFragment, 0))
            {
                return false;
            }
        }

        foreach (var operation in List(query, "Operations").OfType<ObjectValue>())
        {
            if (!check._roots.TryGetValue(Str(operation, "Operation"), out var root) || !check._types.ContainsKey(root))
            {
                return false;
            }

            var used = new HashSet<string>(StringComparer.Ordinal);
            if (!check.Selections(List(operation, "SelectionSet"), root, used, 0))
            {
                return false;
            }

            var defined = List(operation, "VariableDefinitions").OfType<ObjectValue>().Select(v => Str(v, "Variable")).ToHashSet(StringComparer.Ordinal);
            if (!used.SetEquals(defined))
            {
                return false;
            }
        }

        return true;
    }

    private bool Selections(List<Value> selections, string typeName, HashSet<string> variables, int depth)
    {
        if (depth > 64 || !_types.TryGetValue(typeName, out var type))
        {
            return false;
        }

        foreach (var selection in selections.OfType<ObjectValue>())
        {
            CollectVariables(selection.Get("Directives"), variables);
            if (selection.Get("Alias") is null)
            {
                // A fragment spread (Name) or an inline fragment (TypeCondition).
                if (selection.Get("TypeCondition") is StringValue condition)
                {
                    var target = condition.Value.Length == 0 ? typeName : condition.Value;
                    if (!Selections(List(selection, "SelectionSet"), target, variables, depth + 1))
                    {
                        return false;
                    }
                }
                else if (!_fragments.TryGetValue(Str(selection, "Name"), out var fragment))
                {
                    return false;
                }
                else
                {
                    // Variables used inside a named fragment count for the operation that spreads it.
                    Selections(List(fragment, "SelectionSet"), Str(fragment, "TypeCondition"), variables, depth + 1);
                }

                continue;
            }

            var name = Str(selection, "Name");
            if (name == "__typename")
            {
                continue;
            }

            var field = type.Fields.FirstOrDefault(f => Str(f, "Name") == name);
            if (field is null)
            {
                return false;
            }

            var declared = List(field, "Arguments").OfType<ObjectValue>().ToList();
            var given = List(selection, "Arguments").OfType<ObjectValue>().ToList();
            if (given.Any(g => declared.All(d => Str(d, "Name") != Str(g, "Name"))))
            {
                return false;
            }

            if (declared.Any(d => d.Get("Type") is ObjectValue t && t.Get("NonNull") == Value.True && d.Get("DefaultValue") is null
                && given.All(g => Str(g, "Name") != Str(d, "Name"))))
            {
                return false;
            }

            foreach (var argument in given)
            {
                CollectVariables(argument.Get("Value"), variables);
            }

            var fieldType = NamedType(field.Get("Type"));
            var composite = _types.TryGetValue(fieldType, out var target2) && target2.Kind is "OBJECT" or "INTERFACE" or "UNION";
            var sub = List(selection, "SelectionSet");
            if (composite != (sub.Count > 0) || (composite && !Selections(sub, fieldType, variables, depth + 1)))
            {
                return false;
            }
        }

        return true;
    }

    private static void CollectVariables(Value? node, HashSet<string> variables)
    {
        switch (node)
        {
            case ObjectValue o when o.Get("Kind") is NumberValue k && k.TryGetInt64(out var kind) && kind == 0:
                variables.Add(Str(o, "Raw"));
                break;
            case ObjectValue o:
                foreach (var v in o.Values)
                {
                    CollectVariables(v, variables);
                }

                break;
            case ArrayValue a:
                foreach (var v in a.Items)
                {
                    CollectVariables(v, variables);
                }

                break;
        }
    }

    private static string NamedType(Value? type)
    {
        while (type is ObjectValue t && t.Get("Elem") is ObjectValue elem)
        {
            type = elem;
        }

        return type is ObjectValue named ? Str(named, "NamedType") : string.Empty;
    }

    private static List<Value> List(ObjectValue o, string key) => o.Get(key) is ArrayValue a ? [.. a.Items] : [];

    private static string Str(ObjectValue o, string key) => o.Get(key) is StringValue s ? s.Value : string.Empty;
}
