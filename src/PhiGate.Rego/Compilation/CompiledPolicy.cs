using PhiGate.Rego.Ast;
using PhiGate.Rego.Builtins;

namespace PhiGate.Rego.Compilation;

/// <summary>The result of compiling modules: the rule tree, ready for evaluation; immutable afterwards.</summary>
internal sealed class CompiledPolicy(RuleNode root, IReadOnlyList<Module> modules, BuiltinRegistry builtins, int nodeCount)
{
    public RuleNode Root { get; } = root;

    public IReadOnlyList<Module> Modules { get; } = modules;

    public BuiltinRegistry Builtins { get; } = builtins;

    public int NodeCount { get; } = nodeCount;
}

/// <summary>A compiled query body with its variables.</summary>
internal sealed class CompiledQuery(List<Expr> body, int slotCount, IReadOnlyList<(string Name, int Slot)> outputs)
{
    public List<Expr> Body { get; } = body;

    public int SlotCount { get; } = slotCount;

    /// <summary>Gets the named variables reported in each result row.</summary>
    public IReadOnlyList<(string Name, int Slot)> Outputs { get; } = outputs;
}
