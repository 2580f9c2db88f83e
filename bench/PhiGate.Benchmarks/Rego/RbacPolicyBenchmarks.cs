using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using PhiGate.Rego;
using PhiGate.Rego.Values;

namespace PhiGate.Benchmarks.Rego;

/// <summary>One RBAC decision from a compiled policy with a fresh input per evaluation (the Authz hot path).</summary>
[MemoryDiagnoser]
[MedianColumn]
public class RbacPolicyBenchmarks
{
    private PolicyEngine _engine = null!;
    private byte[] _inputBytes = [];
    private JsonElement _inputElement;

    [GlobalSetup]
    public void Setup()
    {
        var compilation = PolicyEngine.Create(
            [new PolicyModule("rbac.rego", RbacPolicy.Source)],
            JsonValueReader.Parse(RbacPolicy.Data));
        _engine = compilation.Engine ?? throw new InvalidOperationException(string.Join("; ", compilation.Errors));
        _inputBytes = Encoding.UTF8.GetBytes(RbacPolicy.Input);
        using var doc = JsonDocument.Parse(RbacPolicy.Input);
        _inputElement = doc.RootElement.Clone();
        if (!_engine.EvaluateRule("envoy/authz/allow", _inputBytes).IsTrue)
        {
            throw new InvalidOperationException("the benchmark request must be allowed");
        }
    }

    [Benchmark(Description = "allow, input as JSON bytes")]
    public bool AllowFromBytes() => _engine.EvaluateRule("envoy/authz/allow", _inputBytes).IsTrue;

    [Benchmark(Description = "allow, input as JsonElement")]
    public bool AllowFromElement() => _engine.EvaluateRule("envoy/authz/allow", _inputElement).IsTrue;
}
