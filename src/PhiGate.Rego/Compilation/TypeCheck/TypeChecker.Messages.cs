using PhiGate.Rego.Ast;
using PhiGate.Rego.Types;
using PhiGate.Rego.Values;

namespace PhiGate.Rego.Compilation.TypeCheck;

/// <summary>OPA's texts for reference errors: the reference, a caret under the offending step, have and want.</summary>
internal sealed partial class TypeChecker
{
    /// <summary>The reference goes into a value that is not a collection; <paramref name="pos"/> counts the head as 0.</summary>
    private static string UnsupportedRef(RefTerm r, int pos, RegoType have)
    {
        var text = RefText(r, r.Path.Length + 1);
        var carets = new string('^', RefText(r, pos + 1).Length);
        return $"undefined ref: {text}\n\t{text}\n\t{carets}\n\thave: {have}";
    }

    /// <summary>The step at path index <paramref name="pathIndex"/> can never select from the value.</summary>
    private static string InvalidRef(RefTerm r, int pathIndex, RegoType? have, RegoType want, RegoType collection)
    {
        var text = RefText(r, r.Path.Length + 1);
        var pad = new string(' ', RefText(r, pathIndex + 1).Length + 1);
        var haveLine = have is not null ? $"{pad}have (type): {have}" : $"{pad}have: {StepText(r.Path[pathIndex])}";
        var oneOf = OneOf(collection);
        var wantLine = oneOf.Count > 0 ? $"{pad}want (one of): [{string.Join(' ', oneOf)}]" : $"{pad}want (type): {want}";
        return $"undefined ref: {text}\n\t{text}\n\t{pad}^\n\t{haveLine}\n\t{wantLine}";
    }

    private static List<Value> OneOf(RegoType t)
    {
        var keys = new SortedSet<Value>(ValueComparer.Instance);
        Collect(t);
        return [.. keys];

        void Collect(RegoType? x)
        {
            switch (x)
            {
                case ObjectType o:
                    foreach (var (k, _) in o.Static)
                    {
                        keys.Add(k);
                    }

                    break;
                case AnyType any:
                    foreach (var m in any.Members)
                    {
                        Collect(m);
                    }

                    break;
            }
        }
    }

    /// <summary>The text of the head and the first <c>count - 1</c> path steps.</summary>
    private static string RefText(RefTerm r, int count)
    {
        var head = r.Head is VarTerm v ? DisplayName(v) : r.Head.ToString() ?? string.Empty;
        var sb = new System.Text.StringBuilder(head);
        for (var i = 0; i < count - 1 && i < r.Path.Length; i++)
        {
            var p = r.Path[i];
            if (p is ValueTerm { Value: StringValue s } && IsIdentifier(s.Value))
            {
                sb.Append('.').Append(s.Value);
            }
            else
            {
                sb.Append('[').Append(StepText(p)).Append(']');
            }
        }

        return sb.ToString();
    }

    private static string StepText(Term t) => t switch
    {
        VarTerm v => DisplayName(v),
        ValueTerm v => v.Value.ToString(),
        _ => t.ToString() ?? string.Empty,
    };

    private static string DisplayName(VarTerm v) => v.Name.TrimStart('$');

    private static bool IsIdentifier(string s) =>
        s.Length > 0 && (char.IsAsciiLetter(s[0]) || s[0] == '_') && s.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
