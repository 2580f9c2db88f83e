namespace PhiGate.Rego.Builtins;

/// <summary>The one list of builtin families. Add a family with one line here.</summary>
internal static class BuiltinFamilies
{
    public static void RegisterAll(BuiltinRegistry r)
    {
        ComparisonBuiltins.Register(r);
        ArithmeticBuiltins.Register(r);
        SetOperatorBuiltins.Register(r);
        CountBuiltins.Register(r);
        PrintBuiltins.Register(r);
        InternalBuiltins.Register(r);
        StringBuiltins.Register(r);
        RegexBuiltins.Register(r);
        GlobBuiltins.Register(r);
        TypeBuiltins.Register(r);
        AggregateBuiltins.Register(r);
        ArrayBuiltins.Register(r);
        ObjectBuiltins.Register(r);
        JsonPathBuiltins.Register(r);
        EncodingBuiltins.Register(r);
        NumberBuiltins.Register(r);
        UnitsBuiltins.Register(r);
        SemverBuiltins.Register(r);
        NetBuiltins.Register(r);
        TimeBuiltins.Register(r);
        GraphBuiltins.Register(r);
        UuidBuiltins.Register(r);
        CryptoBuiltins.Register(r);
        JwtBuiltins.Register(r);
        ProviderBuiltins.Register(r);
        HttpBuiltins.Register(r);
        YamlBuiltins.Register(r);
        JsonSchemaBuiltins.Register(r);
        GraphQlBuiltins.Register(r);
        PurlBuiltins.Register(r);
        RegoBuiltins.Register(r);
    }
}
