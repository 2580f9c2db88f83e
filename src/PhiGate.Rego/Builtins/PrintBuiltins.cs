using System.Text;
using PhiGate.Rego.Values;

namespace PhiGate.Rego.Builtins;

/// <summary>
/// <c>print</c> and <c>trace</c>. For <c>print</c> the evaluator passes each operand as the set of its values (empty when undefined), as
/// OPA's compiler rewrites print calls; output goes to <see cref="BuiltinContext.Print"/>.
/// </summary>
internal static class PrintBuiltins
{
    public static void Register(BuiltinRegistry r)
    {
        r.Add("internal.print", ["array[set[any]]"], "boolean", Print);

        // trace(note) is always true; its note belongs to OPA's query tracer, which this engine does not have.
        r.Add("trace", ["string"], "boolean", static (_, a) =>
        {
            Args.String(a, 0);
            return Value.True;
        });
    }

    private static Value? Print(BuiltinContext ctx, ReadOnlySpan<Value> a)
    {
        if (ctx.Print is null)
        {
            return Value.True;
        }

        var sb = new StringBuilder();
        var operands = Args.Array(a, 0);
        for (var i = 0; i < operands.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(' ');
            }

            Format(sb, operands[i]);
        }

        ctx.Print(sb.ToString());
        return Value.True;
    }

    private static void Format(StringBuilder sb, Value operand)
    {
        if (operand is not SetValue values || values.Count == 0)
        {
            sb.Append("<undefined>");
            return;
        }

        var first = true;
        foreach (var v in values.Items)
        {
            if (!first)
            {
                sb.Append(' ');
            }

            first = false;
            if (v is StringValue s)
            {
                sb.Append(s.Value);
            }
            else
            {
                sb.Append(v.ToString());
            }
        }
    }
}
