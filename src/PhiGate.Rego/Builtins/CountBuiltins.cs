using System.Globalization;
using PhiGate.Rego.Values;

namespace PhiGate.Rego.Builtins;

/// <summary><c>count</c>: elements of a collection, or code points of a string.</summary>
internal static class CountBuiltins
{
    public static void Register(BuiltinRegistry r)
    {
        r.Add("count", ["any<string, array, object, set>"], "number", static (_, a) => a[0] switch
        {
            ArrayValue x => Value.From(x.Count),
            ObjectValue x => Value.From(x.Count),
            SetValue x => Value.From(x.Count),
            StringValue s => Value.From(CountRunes(s.Value)),
            _ => throw BuiltinErrors.OperandOneOf(0, a[0], "array", "object", "set", "string"),
        });
    }

    internal static int CountRunes(string s)
    {
        var n = 0;
        foreach (var _ in s.EnumerateRunes())
        {
            n++;
        }

        return n;
    }
}
