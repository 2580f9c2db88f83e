using PhiGate.Rego.Values;
using static PhiGate.Rego.Builtins.GraphQlLexer;

namespace PhiGate.Rego.Builtins;

internal sealed partial class GraphQlParser
{
    private ObjectValue QueryDocument()
    {
        var operations = new List<Value>();
        var fragments = new List<Value>();
        while (Peek.Kind != Kind.Eof)
        {
            if (PeekPunct("{"))
            {
                operations.Add(Operation());
            }
            else if (Peek.Kind == Kind.Name && Peek.Value is "query" or "mutation" or "subscription")
            {
                operations.Add(Operation());
            }
            else if (PeekKeyword("fragment"))
            {
                fragments.Add(FragmentDefinition());
            }
            else
            {
                throw Unexpected();
            }
        }

        var b = new ObjectBuilder();
        AddList(b, "Operations", operations);
        AddList(b, "Fragments", fragments);
        return b.Build();
    }

    private Value Operation()
    {
        var b = new ObjectBuilder();
        if (PeekPunct("{"))
        {
            b.Add("Operation", Value.From("query"));
            b.Add("Name", Value.From(string.Empty));
            AddList(b, "SelectionSet", SelectionSet());
            return b.Build();
        }

        b.Add("Operation", Value.From(Next().Value));
        b.Add("Name", Value.From(Peek.Kind == Kind.Name ? Next().Value : string.Empty));
        if (PeekPunct("("))
        {
            AddList(b, "VariableDefinitions", Many("(", ")", VariableDefinition, atLeastOne: true));
        }

        AddList(b, "Directives", Directives(isConst: false));
        AddList(b, "SelectionSet", SelectionSet());
        return b.Build();
    }

    private Value VariableDefinition()
    {
        var b = new ObjectBuilder();
        Expect("$");
        b.Add("Variable", Value.From(Name()));
        Expect(":");
        b.Add("Type", TypeReference());
        if (PeekPunct("="))
        {
            Next();
            b.Add("DefaultValue", ValueLiteral(isConst: true));
        }

        AddList(b, "Directives", Directives(isConst: true));
        b.Add("Used", Value.False);
        return b.Build();
    }

    private List<Value> SelectionSet() => Many("{", "}", Selection, atLeastOne: true);

    private Value Selection()
    {
        if (PeekPunct("..."))
        {
            return Fragment();
        }

        var b = new ObjectBuilder();
        var name = Name();
        var alias = name;
        if (PeekPunct(":"))
        {
            Next();
            name = Name();
        }

        b.Add("Alias", Value.From(alias));
        b.Add("Name", Value.From(name));
        if (PeekPunct("("))
        {
            AddList(b, "Arguments", Arguments(isConst: false));
        }

        AddList(b, "Directives", Directives(isConst: false));
        if (PeekPunct("{"))
        {
            AddList(b, "SelectionSet", SelectionSet());
        }

        return b.Build();
    }

    private Value Fragment()
    {
        Expect("...");
        var b = new ObjectBuilder();
        if (Peek.Kind == Kind.Name && Peek.Value != "on")
        {
            b.Add("Name", Value.From(Name()));
            AddList(b, "Directives", Directives(isConst: false));
            return b.Build();
        }

        var typeCondition = string.Empty;
        if (PeekKeyword("on"))
        {
            Next();
            typeCondition = Name();
        }

        b.Add("TypeCondition", Value.From(typeCondition));
        AddList(b, "Directives", Directives(isConst: false));
        AddList(b, "SelectionSet", SelectionSet());
        return b.Build();
    }

    private Value FragmentDefinition()
    {
        ExpectKeyword("fragment");
        if (PeekKeyword("on"))
        {
            throw Unexpected();
        }

        var b = new ObjectBuilder();
        b.Add("Name", Value.From(Name()));
        if (PeekPunct("("))
        {
            // Legacy fragment variables, still accepted by the reference parser.
            AddList(b, "VariableDefinition", Many("(", ")", VariableDefinition, atLeastOne: true));
        }

        ExpectKeyword("on");
        b.Add("TypeCondition", Value.From(Name()));
        AddList(b, "Directives", Directives(isConst: false));
        AddList(b, "SelectionSet", SelectionSet());
        return b.Build();
    }
}
