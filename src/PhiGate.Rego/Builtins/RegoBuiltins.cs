using PhiGate.Rego.Diagnostics;
using PhiGate.Rego.Parsing;

namespace PhiGate.Rego.Builtins;

/// <summary><c>rego.parse_module</c>: a module's syntax tree as OPA's JSON form of it.</summary>
internal static class RegoBuiltins
{
    public static void Register(BuiltinRegistry r)
    {
        r.Add("rego.parse_module", ["string", "string"], "object[string: any]", static (_, a) =>
        {
            var file = Args.String(a, 0);
            var source = Args.String(a, 1);
            try
            {
                return RegoAstJson.Module(Parser.ParseModule(source, file));
            }
            catch (RegoException ex)
            {
                throw BuiltinErrors.Fail(ex.Errors.Count > 0 ? ex.Errors[0].ToString() : "parse error");
            }
        });
    }
}
