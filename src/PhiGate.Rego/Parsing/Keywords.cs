namespace PhiGate.Rego.Parsing;

internal static class Keywords
{
    public static readonly HashSet<string> All = new(StringComparer.Ordinal)
    {
        "package", "import", "as", "default", "else", "not", "some", "every", "in", "with", "if", "contains",
        "true", "false", "null",
    };
}
