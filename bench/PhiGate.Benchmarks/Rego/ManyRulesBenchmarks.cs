using System.Text;
using BenchmarkDotNet.Attributes;
using PhiGate.Rego;
using PhiGate.Rego.Compilation;

namespace PhiGate.Benchmarks.Rego;

/// <summary>
/// A route table written as many <c>allow</c> definitions (method and path equality): the rule index
/// evaluates only the definitions whose conditions match, the baseline evaluates every one.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class ManyRulesBenchmarks
{
    private PolicyEngine _indexed = null!;
    private PolicyEngine _unindexed = null!;
    private byte[] _input = [];

    [Params(200)]
    public int Rules { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var sb = new StringBuilder("package routes\n\ndefault allow := false\n\n");
        for (var i = 0; i < Rules; i++)
        {
            var method = (i % 4) switch { 0 => "GET", 1 => "POST", 2 => "PUT", _ => "DELETE" };
            sb.Append("allow if {\n\tinput.method == \"").Append(method).Append("\"\n\tinput.path == \"/api/r").Append(i).Append("\"\n}\n\n");
        }

        _indexed = Compile(sb.ToString());
        _unindexed = Compile(sb.ToString());
        ClearIndexes(_unindexed.Policy.Root);

        // The matching definition is the last one, the worst case for a linear scan.
        var last = Rules - 1;
        var lastMethod = (last % 4) switch { 0 => "GET", 1 => "POST", 2 => "PUT", _ => "DELETE" };
        _input = Encoding.UTF8.GetBytes($"{{\"method\": \"{lastMethod}\", \"path\": \"/api/r{last}\"}}");
        if (!_indexed.EvaluateRule("routes/allow", _input).IsTrue || !_unindexed.EvaluateRule("routes/allow", _input).IsTrue)
        {
            throw new InvalidOperationException("the benchmark request must be allowed");
        }
    }

    [Benchmark(Baseline = true, Description = "every rule evaluated")]
    public bool Unindexed() => _unindexed.EvaluateRule("routes/allow", _input).IsTrue;

    [Benchmark(Description = "rule index")]
    public bool Indexed() => _indexed.EvaluateRule("routes/allow", _input).IsTrue;

    private static PolicyEngine Compile(string source)
    {
        var compilation = PolicyEngine.Create([new PolicyModule("routes.rego", source)]);
        return compilation.Engine ?? throw new InvalidOperationException(string.Join("; ", compilation.Errors));
    }

    private static void ClearIndexes(RuleNode node)
    {
        node.Index = null;
        foreach (var child in node.Children.Values)
        {
            ClearIndexes(child);
        }
    }
}
