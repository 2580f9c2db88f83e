namespace PhiGate.Rego.Types;

/// <summary>
/// Reads the type names builtins declare: <c>string</c>, <c>number</c>, <c>boolean</c>, <c>null</c>, <c>any</c>,
/// <c>array[T]</c>, <c>array&lt;T, U&gt;</c>, <c>set[T]</c>, <c>object[K: V]</c>, <c>any&lt;T, U&gt;</c>; a bare
/// <c>array</c>, <c>set</c> or <c>object</c> holds anything.
/// </summary>
internal static class TypeParser
{
    public static RegoType Parse(string text)
    {
        var pos = 0;
        var t = ParseType(text, ref pos);
        SkipSpace(text, ref pos);
        if (pos != text.Length)
        {
            throw new FormatException($"unexpected text after type at {pos}: {text}");
        }

        return t;
    }

    private static RegoType ParseType(string s, ref int pos)
    {
        SkipSpace(s, ref pos);
        var start = pos;
        while (pos < s.Length && (char.IsAsciiLetter(s[pos]) || s[pos] == '_'))
        {
            pos++;
        }

        var name = s[start..pos];
        var open = pos < s.Length ? s[pos] : '\0';
        switch (name)
        {
            case "string":
                return RegoType.String;
            case "number":
                return RegoType.Number;
            case "boolean":
                return RegoType.Boolean;
            case "null":
                return RegoType.Null;
            case "any" when open == '<':
                return new AnyType(ParseList(s, ref pos, '>'));
            case "any":
                return RegoType.Any;
            case "array" when open == '[':
                pos++;
                var dyn = ParseType(s, ref pos);
                Expect(s, ref pos, ']');
                return new ArrayType([], dyn);
            case "array" when open == '<':
                return new ArrayType([.. ParseList(s, ref pos, '>')], null);
            case "array":
                return new ArrayType([], RegoType.Any);
            case "set" when open == '[':
                pos++;
                var of = ParseType(s, ref pos);
                Expect(s, ref pos, ']');
                return new SetType(of);
            case "set":
                return new SetType(RegoType.Any);
            case "object" when open == '[':
                pos++;
                var key = ParseType(s, ref pos);
                Expect(s, ref pos, ':');
                var value = ParseType(s, ref pos);
                Expect(s, ref pos, ']');
                return new ObjectType([], key, value);
            case "object":
                return new ObjectType([], RegoType.Any, RegoType.Any);
            default:
                throw new FormatException($"unknown type name '{name}' in {s}");
        }
    }

    private static List<RegoType> ParseList(string s, ref int pos, char close)
    {
        pos++;
        var list = new List<RegoType>();
        while (true)
        {
            list.Add(ParseType(s, ref pos));
            SkipSpace(s, ref pos);
            if (pos < s.Length && s[pos] == ',')
            {
                pos++;
                continue;
            }

            Expect(s, ref pos, close);
            return list;
        }
    }

    private static void Expect(string s, ref int pos, char c)
    {
        SkipSpace(s, ref pos);
        if (pos >= s.Length || s[pos] != c)
        {
            throw new FormatException($"expected '{c}' at {pos} in {s}");
        }

        pos++;
    }

    private static void SkipSpace(string s, ref int pos)
    {
        while (pos < s.Length && s[pos] == ' ')
        {
            pos++;
        }
    }
}
