using PhiGate.Rego.Ast;
using PhiGate.Rego.Builtins;
using PhiGate.Rego.Diagnostics;

namespace PhiGate.Rego.Compilation;

/// <summary>
/// Compiles parsed modules into a rule tree.
/// </summary>
/// <remarks>
/// 1. Merge modules into the virtual document tree (<see cref="RuleNode"/>) and check rule kinds agree.
/// 2. Resolve names per rule: locals get frame slots, rule names and imports become <c>data</c> refs,
///    calls bind to user functions or builtins (<see cref="Compiler"/>.Resolve).
/// 3. Order each body for safety, as OPA reorders it, and report unsafe variables (<see cref="Scheduler"/>).
/// 4. Reject recursion between rules.
/// 5. Check types as OPA does (<see cref="TypeCheck.TypeChecker"/>).
/// 6. Index nodes with many rules by their equality conditions (<see cref="RuleIndex"/>).
/// </remarks>
internal sealed partial class Compiler
{
    private readonly BuiltinRegistry _builtins;
    private RuleNode _root = new([]);
    private readonly List<RegoError> _errors = [];
    private readonly Dictionary<string, HashSet<string>> _packageNames = new(StringComparer.Ordinal);
    private int _nodeCount;
    private IReadOnlyList<Module> _modules = [];

    public Compiler(BuiltinRegistry builtins)
    {
        _builtins = builtins;
    }

    public IReadOnlyList<RegoError> Errors => _errors;

    /// <summary>Compiles modules; throws <see cref="RegoException"/> with every error found.</summary>
    public CompiledPolicy Compile(IReadOnlyList<Module> modules)
    {
        _modules = modules;
        foreach (var m in modules)
        {
            AddToTree(m);
        }

        ThrowIfErrors();
        foreach (var m in modules)
        {
            foreach (var r in m.Rules)
            {
                CompileRule(m, r);
            }
        }

        ThrowIfErrors();
        AssignIds(_root);
        CheckRecursion();
        ThrowIfErrors();
        new TypeCheck.TypeChecker(_root, _errors, _builtins).CheckAll();
        ThrowIfErrors();
        return new CompiledPolicy(_root, modules, _builtins, _nodeCount);
    }

    /// <summary>Compiles an ad-hoc query against the compiled tree.</summary>
    public CompiledQuery CompileQuery(List<Expr> body, CompiledPolicy policy, string[]? package = null)
    {
        _root = policy.Root;
        var slots = new SlotAllocator();
        var scope = new Scope(null, slots);
        var ctx = new ResolveContext(null, package ?? [], []);
        ResolveBody(body, scope, ctx);
        ThrowIfErrors();
        var sched = new Scheduler(slots, _errors);
        var scheduled = sched.Schedule(body, []);
        ThrowIfErrors();
        new TypeCheck.TypeChecker(_root, _errors, _builtins).CheckQuery(scheduled, slots.Count);
        ThrowIfErrors();
        var outputs = new List<(string, int)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < slots.Count; i++)
        {
            var name = slots.Names[i];
            if (name.StartsWith('_') || name.Contains('$', StringComparison.Ordinal) || !scope.TryLookup(name, out var s) || s != i || !seen.Add(name))
            {
                continue;
            }

            outputs.Add((name, i));
        }

        return new CompiledQuery(scheduled, slots.Count, outputs);
    }

    private void ThrowIfErrors()
    {
        if (_errors.Count > 0)
        {
            throw new RegoException([.. _errors]);
        }
    }

    private void Error(string code, string message, Location loc) => _errors.Add(new RegoError(code, message, loc));

    private void AddToTree(Module m)
    {
        var pkgKey = string.Join('.', m.Package);
        if (!_packageNames.TryGetValue(pkgKey, out var names))
        {
            names = new HashSet<string>(StringComparer.Ordinal);
            _packageNames[pkgKey] = names;
        }

        var pkgNode = _root;
        foreach (var p in m.Package)
        {
            pkgNode = pkgNode.GetOrAdd(p);
        }

        foreach (var r in m.Rules)
        {
            r.Module = m;
            r.Path = [.. m.Package, .. r.Path];
            for (var e = r.Else; e is not null; e = e.Else)
            {
                e.Module = m;
                e.Path = r.Path;
                e.Suffix = r.Suffix;
            }

            names.Add(((Values.StringValue)((ValueTerm)r.Head[0]).Value).Value);
            var node = _root;
            foreach (var p in r.Path)
            {
                node = node.GetOrAdd(p);
            }

            var kind = r.Kind;
            if (node.Kind is { } existing && existing != kind)
            {
                Error(ErrorCodes.Type, $"conflicting rules {node.PathText} found", r.Location);
                continue;
            }

            if (kind == RuleKind.Function && node.Rules.Count > 0 && node.Rules[0].Args!.Count != r.Args!.Count)
            {
                Error(ErrorCodes.Type, $"conflicting rules {node.PathText} found", r.Location);
                continue;
            }

            node.Kind = kind;
            if (r.IsDefault)
            {
                if (node.Default is not null)
                {
                    Error(ErrorCodes.Type, $"multiple default rules {node.PathText} found", r.Location);
                }

                node.Default = r;
            }
            else
            {
                node.Rules.Add(r);
            }
        }
    }

    private void AssignIds(RuleNode node)
    {
        node.Id = _nodeCount++;
        node.Index = RuleIndex.Build(node, _root);
        foreach (var c in node.Children.Values)
        {
            AssignIds(c);
        }
    }
}
