using System.Text;
using PhiGate.Rego.Values;

namespace PhiGate.Rego.Builtins;

internal static partial class GoTemplate
{
    private static (Value? Value, bool Assigned) EvalPipeline(string text, Value? dot, State state)
    {
        string? declared = null;
        var trimmed = text.Trim();
        if (trimmed.StartsWith('$'))
        {
            var op = trimmed.IndexOf(":=", StringComparison.Ordinal);
            var eq = op < 0 ? trimmed.IndexOf(" = ", StringComparison.Ordinal) : -1;
            var at = op >= 0 ? op : eq;
            if (at > 0 && !trimmed[..at].Trim().Contains(' ', StringComparison.Ordinal))
            {
                declared = trimmed[..at].Trim();
                trimmed = trimmed[(at + (op >= 0 ? 2 : 3))..].Trim();
            }
        }

        Value? result = null;
        var first = true;
        foreach (var command in SplitTopLevel(trimmed, '|'))
        {
            var args = Tokenize(command.Trim());
            if (args.Count == 0)
            {
                throw BuiltinErrors.Fail("template: missing value for command");
            }

            result = EvalCommand(args, dot, state, first ? null : new Box(result));
            first = false;
        }

        if (declared is not null)
        {
            state.Variables[declared] = result;
            return (result, true);
        }

        return (result, false);
    }

    /// <summary>Carries a piped value, which may itself be "missing" (null).</summary>
    private sealed record Box(Value? Value);

    private static Value? EvalCommand(List<string> args, Value? dot, State state, Box? piped)
    {
        var head = args[0];
        if (IsFunction(head))
        {
            var values = args.Skip(1).Select(a => Operand(a, dot, state)).ToList();
            if (piped is not null)
            {
                values.Add(piped.Value);
            }

            return Call(head, values);
        }

        if (args.Count > 1 || piped is not null)
        {
            throw BuiltinErrors.Fail($"template: can't give argument to non-function {head}");
        }

        return Operand(head, dot, state);
    }

    private static bool IsFunction(string token) =>
        token is "len" or "index" or "print" or "printf" or "println" or "eq" or "ne" or "lt" or "le" or "gt" or "ge" or "and" or "or" or "not";

    private static Value? Operand(string token, Value? dot, State state)
    {
        if (token.StartsWith('(') && token.EndsWith(')'))
        {
            return EvalPipeline(token[1..^1], dot, state).Value;
        }

        if (token.StartsWith('"'))
        {
            return Value.From(Unquote(token));
        }

        if (token.StartsWith('`'))
        {
            return Value.From(token.Trim('`'));
        }

        if (token is "true" or "false")
        {
            return Value.From(token == "true");
        }

        if (token == "nil")
        {
            return Value.Null;
        }

        if (NumberValue.TryParse(token, out var number))
        {
            return number;
        }

        if (token.StartsWith('.'))
        {
            return Fields(dot, token == "." ? [] : token[1..].Split('.'));
        }

        if (token.StartsWith('$'))
        {
            var parts = token.Split('.');
            if (!state.Variables.TryGetValue(parts[0], out var v))
            {
                throw BuiltinErrors.Fail($"template: undefined variable \"{parts[0]}\"");
            }

            return Fields(v, parts[1..]);
        }

        throw BuiltinErrors.Fail($"template: function \"{token}\" not defined");
    }

    private static Value? Fields(Value? v, string[] names)
    {
        foreach (var name in names)
        {
            v = v is ObjectValue o ? o.Get(name) : null;
        }

        return v;
    }

    private static Value? Call(string name, List<Value?> args)
    {
        int Cmp(Value? a, Value? b) => a is not null && b is not null && a.Kind == b.Kind
            ? Value.Compare(a, b)
            : throw BuiltinErrors.Fail($"template: error calling {name}: incompatible types for comparison");
        switch (name)
        {
            case "len":
                return Value.From(args.Count == 1 ? args[0] switch
                {
                    StringValue s => Encoding.UTF8.GetByteCount(s.Value),
                    ArrayValue a => a.Count,
                    SetValue s => s.Count,
                    ObjectValue o => o.Count,
                    _ => throw BuiltinErrors.Fail("template: error calling len: invalid argument"),
                } : throw BuiltinErrors.Fail("template: wrong number of args for len"));
            case "index":
                var current = args.Count > 0 ? args[0] : null;
                foreach (var key in args.Skip(1))
                {
                    current = current switch
                    {
                        ObjectValue o when key is not null => o.Get(key),
                        ArrayValue a when key is NumberValue n && n.TryGetInt64(out var i) && i >= 0 && i < a.Count => a[(int)i],
                        _ => throw BuiltinErrors.Fail("template: error calling index: index out of range"),
                    };
                }

                return current;
            case "print":
                return Value.From(string.Concat(args.Select(Print)));
            case "println":
                return Value.From(string.Join(' ', args.Select(Print)) + "\n");
            case "printf":
                var format = args.Count > 0 && args[0] is StringValue f ? f.Value : throw BuiltinErrors.Fail("template: printf needs a format");
                return Value.From(GoFormatter.Format(format, [.. args.Skip(1).Select(a => a is null ? GoFormatArg.FromString("<nil>") : StringBuiltins.ToFormatArg(a))]));
            case "eq":
                return Value.From(args.Skip(1).Any(b => Cmp(args[0], b) == 0));
            case "ne":
                return Value.From(Cmp(args[0], args[1]) != 0);
            case "lt":
                return Value.From(Cmp(args[0], args[1]) < 0);
            case "le":
                return Value.From(Cmp(args[0], args[1]) <= 0);
            case "gt":
                return Value.From(Cmp(args[0], args[1]) > 0);
            case "ge":
                return Value.From(Cmp(args[0], args[1]) >= 0);
            case "and":
                return args.FirstOrDefault(a => !Truthy(a), args.Count > 0 ? args[^1] : null);
            case "or":
                return args.FirstOrDefault(Truthy, args.Count > 0 ? args[^1] : null);
            default:
                return Value.From(!Truthy(args.Count > 0 ? args[0] : null));
        }
    }

    private static string Unquote(string token)
    {
        try
        {
            return JsonValueReader.Parse(token) is StringValue s ? s.Value : token.Trim('"');
        }
        catch (System.Text.Json.JsonException)
        {
            return token.Trim('"');
        }
    }

    /// <summary>Splits on a separator outside quotes and parentheses.</summary>
    private static List<string> SplitTopLevel(string text, char separator)
    {
        var parts = new List<string>();
        var depth = 0;
        var start = 0;
        char quote = '\0';
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quote != '\0')
            {
                if (c == '\\' && quote == '"')
                {
                    i++;
                }
                else if (c == quote)
                {
                    quote = '\0';
                }

                continue;
            }

            switch (c)
            {
                case '"' or '`':
                    quote = c;
                    break;
                case '(':
                    depth++;
                    break;
                case ')':
                    depth--;
                    break;
                default:
                    if (c == separator && depth == 0)
                    {
                        parts.Add(text[start..i]);
                        start = i + 1;
                    }

                    break;
            }
        }

        parts.Add(text[start..]);
        return parts;
    }

    private static List<string> Tokenize(string command) =>
        [.. SplitTopLevel(command, ' ').Select(t => t.Trim()).Where(t => t.Length > 0)];
}
