using PhiGate.Rego.Values;

namespace PhiGate.Rego.Builtins;

/// <summary><c>glob.match</c> and <c>glob.quote_meta</c>.</summary>
internal static class GlobBuiltins
{
    private static readonly char[] DotDelimiter = ['.'];

    public static void Register(BuiltinRegistry r)
    {
        r.Add("glob.match", ["string", "any<null, array[string]>", "string"], "boolean", Match);
        r.Add("glob.quote_meta", ["string"], "string", static (_, a) => Value.From(GlobPattern.QuoteMeta(Args.String(a, 0))));
    }

    private static Value Match(BuiltinContext ctx, ReadOnlySpan<Value> a)
    {
        var pattern = Args.String(a, 0);
        char[] delimiters;
        switch (a[1])
        {
            case NullValue:
                delimiters = [];
                break;
            case ArrayValue array:
                delimiters = new char[array.Count];
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is not StringValue s)
                    {
                        throw BuiltinErrors.Type($"operand 2 must be array of strings but got array containing {array[i].TypeName}");
                    }

                    if (s.Value.Length != 1)
                    {
                        throw BuiltinErrors.Type("operand 2 must be array of runes but got array containing string");
                    }

                    delimiters[i] = s.Value[0];
                }

                if (delimiters.Length == 0)
                {
                    delimiters = DotDelimiter;
                }

                break;
            default:
                throw BuiltinErrors.OperandOneOf(1, a[1], "array", "null");
        }

        var text = Args.String(a, 2);
        return GlobPattern.TryMatch(pattern, delimiters, text, out var matched, out var error)
            ? Value.From(matched)
            : throw BuiltinErrors.Fail(error);
    }
}
