using System.CommandLine;
using System.Text;
using PhiGate.Rego;
using PhiGate.Rego.Parsing;
using PhiGate.Rego.Values;

namespace PhiGate.Commands;

/// <summary><c>phigate policy eval -d PATH... [-i input.json] QUERY</c>: prints the result set as JSON, like <c>opa eval</c>.</summary>
internal static class PolicyEvalCommand
{
    private const string ExpressionVar = "phigate_expression";

    public static Command Create()
    {
        var data = new Option<string[]>("--data", "-d") { Description = "Policy or data file or directory (repeat the option for several)." };
        var input = new Option<FileInfo?>("--input", "-i") { Description = "Input document (JSON file)." };
        var query = new Argument<string>("query") { Description = "Rego query, e.g. data.envoy.authz.allow" };
        var command = new Command("eval", "Evaluate a Rego query and print the result set as JSON.") { data, input, query };
        command.SetAction(result => PolicyCommand.Guard(() => Run(result.GetValue(data) ?? [], result.GetValue(input), result.GetValue(query)!, Console.Out, Console.Error)));
        return command;
    }

    internal static int Run(string[] paths, FileInfo? inputFile, string query, TextWriter output, TextWriter errors)
    {
        var files = PolicyFiles.Load(paths);
        var engine = files.Compile(errors);
        var input = inputFile is null ? null : PolicyFiles.ReadInput(inputFile.FullName);

        // A query that is one term reports that term's value as OPA's "expressions" do.
        var single = IsSingleTerm(query);
        var effective = single ? $"{ExpressionVar} := ({query})" : query;
        var result = engine.Query(effective, input);
        if (result.Error is { } error)
        {
            files.PrintErrors([error], errors);
            return ExitCodes.Failure;
        }

        var sb = new StringBuilder("{\"result\":[");
        for (var i = 0; i < result.Rows.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(',');
            }

            var row = result.Rows[i];
            sb.Append('{');
            if (single && row.TryGetValue(ExpressionVar, out var value))
            {
                sb.Append("\"expressions\":[{\"value\":");
                JsonText.Write(sb, value);
                sb.Append(",\"text\":");
                JsonText.WriteString(sb, query);
                sb.Append("}]");
            }

            var bindings = row.Where(kv => kv.Key != ExpressionVar).ToList();
            if (bindings.Count > 0)
            {
                if (single)
                {
                    sb.Append(',');
                }

                var b = new ObjectBuilder();
                foreach (var (k, v) in bindings)
                {
                    b.Add(k, v);
                }

                sb.Append("\"bindings\":");
                JsonText.Write(sb, b.Build());
            }

            sb.Append('}');
        }

        sb.Append("]}");
        output.WriteLine(sb.ToString());
        return ExitCodes.Success;
    }

    private static bool IsSingleTerm(string query)
    {
        try
        {
            var body = Parser.ParseQuery(query);
            return body.Count == 1 && body[0].Kind == Rego.Ast.ExprKind.Term && !body[0].Negated && body[0].With is null;
        }
        catch (Rego.Diagnostics.RegoException)
        {
            return false;
        }
    }
}
