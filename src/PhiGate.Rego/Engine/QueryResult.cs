using System.Text;
using PhiGate.Rego.Diagnostics;
using PhiGate.Rego.Values;

namespace PhiGate.Rego;

/// <summary>The result set of a query: one row of variable bindings per solution, or an error.</summary>
public sealed class QueryResult
{
    internal QueryResult(IReadOnlyList<IReadOnlyDictionary<string, Value>> rows, RegoError? error)
    {
        Rows = rows;
        Error = error;
    }

    /// <summary>Gets the rows (empty when the query is undefined).</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, Value>> Rows { get; }

    /// <summary>Gets the error, when evaluation failed.</summary>
    public RegoError? Error { get; }

    /// <summary>Serialises the rows as a JSON array of objects, as <c>opa eval</c> prints bindings.</summary>
    public string ToJson()
    {
        var sb = new StringBuilder("[");
        for (var i = 0; i < Rows.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(',');
            }

            var b = new ObjectBuilder();
            foreach (var (k, v) in Rows[i])
            {
                b.Add(k, v);
            }

            JsonText.Write(sb, b.Build());
        }

        return sb.Append(']').ToString();
    }
}
