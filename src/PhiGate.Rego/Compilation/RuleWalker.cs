using PhiGate.Rego.Ast;

namespace PhiGate.Rego.Compilation;

/// <summary>Questions about everything a rule contains, nested bodies included.</summary>
internal static class RuleWalker
{
    /// <summary>Whether the rule calls <c>print</c> anywhere (its output must not be skipped by the index).</summary>
    public static bool ContainsPrint(Rule rule) =>
        Any(rule.Body) || (rule.Value is not null && Any(rule.Value)) || (rule.Key is not null && Any(rule.Key)) || rule.Suffix.Any(Any);

    private static bool Any(List<Expr> body) => body.Any(Any);

    private static bool Any(Expr e) =>
        (e.Left is not null && Any(e.Left)) || (e.Right is not null && Any(e.Right)) || (e.Key is not null && Any(e.Key))
        || (e.Body is not null && Any(e.Body)) || (e.Operands is not null && e.Operands.Any(Any))
        || (e.With is not null && e.With.Any(w => Any(w.Value)));

    private static bool Any(Term t) => t switch
    {
        CallTerm c => c.Name is ["internal", "print"] or ["print"] || c.Args.Any(Any),
        RefTerm r => Any(r.Head) || r.Path.Any(Any),
        ArrayTerm a => a.Items.Any(Any),
        SetTerm s => s.Items.Any(Any),
        ObjectTerm o => o.Entries.Any(p => Any(p.Key) || Any(p.Value)),
        ComprehensionTerm c => Any(c.Head) || (c.ValueHead is not null && Any(c.ValueHead)) || Any(c.Body),
        TemplateTerm tt => tt.Parts.Any(p => p.Compiled is not null && Any(p.Compiled)),
        _ => false,
    };
}
