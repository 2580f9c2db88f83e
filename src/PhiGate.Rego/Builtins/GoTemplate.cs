using System.Text;
using PhiGate.Rego.Values;

namespace PhiGate.Rego.Builtins;

/// <summary>
/// The subset of Go's <c>text/template</c> that <c>strings.render_template</c> policies use: text, actions
/// with field chains (<c>.a.b</c>, <c>$x.a</c>), variables, <c>if</c>/<c>else if</c>/<c>else</c>, <c>range</c>
/// (with <c>$i, $v :=</c>), <c>with</c>, pipelines into functions (<c>len index print printf eq ne lt le gt ge and or not</c>),
/// comments and <c>{{-</c>/<c>-}}</c> trimming. A missing map key renders as <c>&lt;undefined&gt;</c>.
/// </summary>
internal static partial class GoTemplate
{
    private const int MaxOutput = 1 << 20;
    private const int MaxSteps = 1_000_000;

    private abstract record Node;

    private sealed record TextNode(string Text) : Node;

    private sealed record ActionNode(string Pipeline) : Node;

    private sealed record IfNode(string Pipeline, List<Node> Then, List<Node> Else, bool With) : Node;

    private sealed record RangeNode(string Pipeline, List<Node> Body, List<Node> Else) : Node;

    public static string Render(string template, Value data)
    {
        var tokens = Lex(template);
        var pos = 0;
        var nodes = Parse(tokens, ref pos, out var end);
        if (end is not null)
        {
            throw BuiltinErrors.Fail($"template: unexpected {{{{{end}}}}}");
        }

        var state = new State(data);
        var sb = new StringBuilder();
        Execute(nodes, data, state, sb);
        return sb.ToString();
    }

    /// <summary>Splits into text and action tokens, applying trim markers.</summary>
    private static List<(bool Action, string Text)> Lex(string t)
    {
        var tokens = new List<(bool, string)>();
        var i = 0;
        while (i < t.Length)
        {
            var open = t.IndexOf("{{", i, StringComparison.Ordinal);
            if (open < 0)
            {
                tokens.Add((false, t[i..]));
                break;
            }

            var text = t[i..open];
            var trimLeft = open + 2 < t.Length && t[open + 2] == '-' && open + 3 < t.Length && t[open + 3] is ' ' or '\t' or '\n' or '\r';
            if (trimLeft)
            {
                text = text.TrimEnd();
            }

            tokens.Add((false, text));
            var close = t.IndexOf("}}", open + 2, StringComparison.Ordinal);
            if (close < 0)
            {
                throw BuiltinErrors.Fail("template: unclosed action");
            }

            var inner = t[(open + 2)..close];
            var trimRight = inner.EndsWith('-') && inner.Length >= 2 && char.IsWhiteSpace(inner[^2]);
            inner = inner[(trimLeft ? 1 : 0)..(inner.Length - (trimRight ? 1 : 0))].Trim();
            i = close + 2;
            if (trimRight)
            {
                while (i < t.Length && char.IsWhiteSpace(t[i]))
                {
                    i++;
                }
            }

            if (!(inner.StartsWith("/*", StringComparison.Ordinal) && inner.EndsWith("*/", StringComparison.Ordinal)))
            {
                tokens.Add((true, inner));
            }
        }

        return tokens;
    }

    private static List<Node> Parse(List<(bool Action, string Text)> tokens, ref int pos, out string? end)
    {
        var nodes = new List<Node>();
        end = null;
        while (pos < tokens.Count)
        {
            var (action, text) = tokens[pos++];
            if (!action)
            {
                if (text.Length > 0)
                {
                    nodes.Add(new TextNode(text));
                }

                continue;
            }

            var keyword = text.Split(' ', 2)[0];
            var rest = text.Length > keyword.Length ? text[keyword.Length..].Trim() : string.Empty;
            switch (keyword)
            {
                case "end":
                case "else":
                    end = text;
                    return nodes;
                case "if" or "with":
                    nodes.Add(ParseConditional(tokens, ref pos, rest, keyword == "with"));
                    break;
                case "range":
                    var body = Parse(tokens, ref pos, out var bodyEnd);
                    var elseBody = new List<Node>();
                    if (bodyEnd == "else")
                    {
                        elseBody = Parse(tokens, ref pos, out bodyEnd);
                    }

                    Expect(bodyEnd, "end");
                    nodes.Add(new RangeNode(rest, body, elseBody));
                    break;
                default:
                    nodes.Add(new ActionNode(text));
                    break;
            }
        }

        return nodes;
    }

    private static IfNode ParseConditional(List<(bool Action, string Text)> tokens, ref int pos, string pipeline, bool with)
    {
        var then = Parse(tokens, ref pos, out var end);
        var otherwise = new List<Node>();
        if (end is not null && end.StartsWith("else", StringComparison.Ordinal))
        {
            var after = end[4..].Trim();
            if (after.StartsWith("if ", StringComparison.Ordinal) || after.StartsWith("with ", StringComparison.Ordinal))
            {
                var nestedWith = after.StartsWith("with ", StringComparison.Ordinal);
                otherwise.Add(ParseConditional(tokens, ref pos, after[(nestedWith ? 5 : 3)..].Trim(), nestedWith));
                return new IfNode(pipeline, then, otherwise, with);
            }

            otherwise = Parse(tokens, ref pos, out end);
        }

        Expect(end, "end");
        return new IfNode(pipeline, then, otherwise, with);
    }

    private static void Expect(string? actual, string expected)
    {
        if (actual != expected)
        {
            throw BuiltinErrors.Fail($"template: expected {{{{{expected}}}}}");
        }
    }

    private sealed class State(Value root)
    {
        public Dictionary<string, Value?> Variables { get; } = new(StringComparer.Ordinal) { ["$"] = root };

        public int Steps { get; set; }
    }

    private static void Execute(List<Node> nodes, Value? dot, State state, StringBuilder sb)
    {
        foreach (var node in nodes)
        {
            if (++state.Steps > MaxSteps || sb.Length > MaxOutput)
            {
                throw BuiltinErrors.Fail("template: output or step budget exceeded");
            }

            switch (node)
            {
                case TextNode t:
                    sb.Append(t.Text);
                    break;
                case ActionNode a:
                    var (value, assigned) = EvalPipeline(a.Pipeline, dot, state);
                    if (!assigned)
                    {
                        sb.Append(Print(value));
                    }

                    break;
                case IfNode i:
                    var (cond, _) = EvalPipeline(i.Pipeline, dot, state);
                    if (Truthy(cond))
                    {
                        Execute(i.Then, i.With ? cond : dot, state, sb);
                    }
                    else
                    {
                        Execute(i.Else, dot, state, sb);
                    }

                    break;
                case RangeNode r:
                    ExecuteRange(r, dot, state, sb);
                    break;
            }
        }
    }

    private static void ExecuteRange(RangeNode r, Value? dot, State state, StringBuilder sb)
    {
        var pipeline = r.Pipeline;
        string? keyVar = null, valueVar = null;
        var assign = pipeline.IndexOf(":=", StringComparison.Ordinal);
        if (assign >= 0)
        {
            var vars = pipeline[..assign].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            (keyVar, valueVar) = vars.Length == 2 ? (vars[0], vars[1]) : (null, vars[0]);
            pipeline = pipeline[(assign + 2)..].Trim();
        }

        var (collection, _) = EvalPipeline(pipeline, dot, state);
        var entries = collection switch
        {
            ArrayValue a => a.Items.ToArray().Select((v, i) => ((Value)Value.From(i), v)).ToList(),
            SetValue s => s.Items.ToArray().Select((v, i) => ((Value)Value.From(i), v)).ToList(),
            ObjectValue o => Enumerable.Range(0, o.Count).Select(i => (o.Keys[i], o.Values[i])).ToList(),
            NumberValue n when n.TryGetInt64(out var count) && count is >= 0 and <= MaxSteps => Enumerable.Range(0, (int)count).Select(i => ((Value)Value.From(i), (Value)Value.From(i))).ToList(),
            _ => [],
        };

        if (entries.Count == 0)
        {
            Execute(r.Else, dot, state, sb);
            return;
        }

        foreach (var (key, value) in entries)
        {
            if (keyVar is not null)
            {
                state.Variables[keyVar] = key;
            }

            if (valueVar is not null)
            {
                state.Variables[valueVar] = value;
            }

            Execute(r.Body, value, state, sb);
        }
    }

    private static bool Truthy(Value? v) => v switch
    {
        null or NullValue => false,
        BooleanValue b => b.Value,
        NumberValue n => !NumberMath.IsZero(n),
        StringValue s => s.Value.Length > 0,
        ArrayValue a => a.Count > 0,
        SetValue s => s.Count > 0,
        ObjectValue o => o.Count > 0,
        _ => true,
    };

    /// <summary>Go's <c>%v</c> of the JSON form: numbers and strings plainly, lists as <c>[a b]</c>, maps as <c>map[k:v]</c>.</summary>
    private static string Print(Value? v) => v switch
    {
        null => "<undefined>",
        NullValue => "<nil>",
        BooleanValue b => b.Value ? "true" : "false",
        NumberValue n => n.ToNumberText(),
        StringValue s => s.Value,
        ArrayValue a => "[" + string.Join(' ', a.Items.ToArray().Select(x => Print(x))) + "]",
        SetValue s => "[" + string.Join(' ', s.Items.ToArray().Select(x => Print(x))) + "]",
        ObjectValue o => "map[" + string.Join(' ', Enumerable.Range(0, o.Count).Select(i => Print(o.Keys[i]) + ":" + Print(o.Values[i])).OrderBy(x => x, StringComparer.Ordinal)) + "]",
        _ => v.ToString(),
    };

}
