using PhiGate.Rego.Types;

namespace PhiGate.Rego.Builtins;

/// <summary>
/// One registered builtin: its Rego name (<c>strings.replace_n</c>), its arity and declared argument and
/// result types (OPA's type names, used in documentation and compile-time type errors), and its code.
/// </summary>
internal sealed class BuiltinDefinition
{
    public BuiltinDefinition(string name, string[] argTypes, string resultType, BuiltinFunction? function, BuiltinRelation? relation)
    {
        Name = name;
        ArgTypes = argTypes;
        ResultType = resultType;
        Function = function;
        Relation = relation;
        Signature = new FunctionType([.. argTypes.Select(TypeParser.Parse)], TypeParser.Parse(resultType));
    }

    /// <summary>Gets the name as written in Rego (for operators, OPA's internal name such as <c>plus</c>).</summary>
    public string Name { get; }

    /// <summary>Gets the number of arguments (not counting the optional output argument).</summary>
    public int Arity => ArgTypes.Length;

    /// <summary>Gets the declared argument types, e.g. <c>string</c>, <c>number</c>, <c>any</c>, <c>array[string]</c>.</summary>
    public string[] ArgTypes { get; }

    /// <summary>Gets the declared result type.</summary>
    public string ResultType { get; }

    /// <summary>Gets the declared types as a function type, for the compile-time type checker.</summary>
    public FunctionType Signature { get; }

    /// <summary>Gets the function, or null for a relation.</summary>
    public BuiltinFunction? Function { get; }

    /// <summary>Gets the relation, or null for a function.</summary>
    public BuiltinRelation? Relation { get; }

    /// <summary>Gets or sets whether results vary between calls (time, random, http); cached per query.</summary>
    public bool Nondeterministic { get; init; }
}
