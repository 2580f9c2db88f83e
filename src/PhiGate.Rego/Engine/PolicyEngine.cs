using System.Collections.Concurrent;
using System.Text.Json;
using PhiGate.Rego.Ast;
using PhiGate.Rego.Builtins;
using PhiGate.Rego.Compilation;
using PhiGate.Rego.Diagnostics;
using PhiGate.Rego.Evaluation;
using PhiGate.Rego.Parsing;
using PhiGate.Rego.Values;

namespace PhiGate.Rego;

/// <summary>
/// Compiles Rego modules and base data once; evaluates rule paths and queries many times, concurrently.
/// Every failure (parse, compile, evaluation, budget, cancellation) comes back as a value with an OPA error code.
/// </summary>
public sealed class PolicyEngine
{
    private readonly CompiledPolicy _policy;
    private readonly Value _data;
    private readonly PolicyEngineOptions _options;
    private readonly ConcurrentDictionary<string, CompiledQuery> _queries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Term[]> _paths = new(StringComparer.Ordinal);

    private PolicyEngine(CompiledPolicy policy, Value data, PolicyEngineOptions options)
    {
        _policy = policy;
        _data = data;
        _options = options;
    }

    /// <summary>Gets the compiled rule tree (for tools and benchmarks inside the solution).</summary>
    internal CompiledPolicy Policy => _policy;

    /// <summary>Gets the base document <c>data</c>.</summary>
    public Value Data => _data;

    /// <summary>Gets every rule path defined by the modules, in path order.</summary>
    public IReadOnlyList<PolicyRuleInfo> Rules => _rules ??= ListRules(_policy.Root);

    private IReadOnlyList<PolicyRuleInfo>? _rules;

    private static List<PolicyRuleInfo> ListRules(RuleNode root)
    {
        var list = new List<PolicyRuleInfo>();
        var stack = new Stack<RuleNode>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var n = stack.Pop();
            if (n.HasRules)
            {
                var first = n.Rules.Count > 0 ? n.Rules[0] : n.Default!;
                list.Add(new PolicyRuleInfo(n.PathText, first.Location.File, first.Location.Line, n.IsFunction));
            }

            foreach (var c in n.Children.Values)
            {
                stack.Push(c);
            }
        }

        list.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return list;
    }

    /// <summary>Parses and compiles modules with base data (an object; null for empty).</summary>
    public static PolicyCompilation Create(IEnumerable<PolicyModule> modules, Value? data = null, PolicyEngineOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(modules);
        var parsed = new List<Module>();
        var errors = new List<RegoError>();
        foreach (var m in modules)
        {
            try
            {
                parsed.Add(Parser.ParseModule(m.Source, m.FileName));
            }
            catch (RegoException ex)
            {
                errors.AddRange(ex.Errors);
            }
        }

        if (data is not null and not ObjectValue)
        {
            errors.Add(new RegoError(ErrorCodes.Compile, "data must be an object", Location.None));
        }

        if (errors.Count > 0)
        {
            return new PolicyCompilation(null, errors);
        }

        try
        {
            var policy = new Compiler(BuiltinRegistry.Default).Compile(parsed);
            return new PolicyCompilation(new PolicyEngine(policy, data ?? ObjectValue.Empty, options ?? new PolicyEngineOptions()), []);
        }
        catch (RegoException ex)
        {
            return new PolicyCompilation(null, ex.Errors);
        }
    }

    /// <summary>Evaluates a rule path (<c>envoy/authz/allow</c> or <c>data.envoy.authz.allow</c>) with JSON input bytes.</summary>
    public PolicyResult EvaluateRule(string path, ReadOnlySpan<byte> inputJson, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        Value input;
        try
        {
            input = JsonValueReader.Parse(inputJson);
        }
        catch (JsonException)
        {
            return PolicyResult.Failed(new RegoError(ErrorCodes.EvalInternal, "input is not valid JSON", Location.None));
        }

        return EvaluateRule(path, input, null, cancellationToken);
    }

    /// <summary>Evaluates a rule path with input given as a <see cref="JsonElement"/>.</summary>
    public PolicyResult EvaluateRule(string path, JsonElement input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        return EvaluateRule(path, JsonValueReader.FromElement(input), null, cancellationToken);
    }

    /// <summary>Evaluates a rule path with input given as a value (null: no input).</summary>
    public PolicyResult EvaluateRule(string path, Value? input, EvaluationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        var segments = _paths.GetOrAdd(path, static p => Evaluator.PathTerms(SplitPath(p)));
        try
        {
            var ev = new Evaluator(_policy, _data, input, options ?? _options.Evaluation, _options.TimeProvider, cancellationToken);
            return PolicyResult.Of(ev.EvalPath(segments));
        }
        catch (RegoException ex)
        {
            return PolicyResult.Failed(ex.Error);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return PolicyResult.Failed(Unexpected(ex));
        }
    }

    /// <summary>Evaluates a query such as <c>data.authz.allow == true; x := data.roles[_]</c>.</summary>
    public QueryResult Query(string query, Value? input = null, EvaluationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        CompiledQuery compiled;
        try
        {
            compiled = _queries.GetOrAdd(query, q => new Compiler(_policy.Builtins).CompileQuery(Parser.ParseQuery(q), _policy));
        }
        catch (RegoException ex)
        {
            return new QueryResult([], ex.Error);
        }

        var rows = new List<IReadOnlyDictionary<string, Value>>();
        try
        {
            var ev = new Evaluator(_policy, _data, input, options ?? _options.Evaluation, _options.TimeProvider, cancellationToken);
            ev.Run(compiled, frame =>
            {
                var row = new Dictionary<string, Value>(StringComparer.Ordinal);
                foreach (var (name, slot) in compiled.Outputs)
                {
                    if (frame[slot] is { } v)
                    {
                        row[name] = v;
                    }
                }

                rows.Add(row);
                return false;
            });
            return new QueryResult(rows, null);
        }
        catch (RegoException ex)
        {
            return new QueryResult([], ex.Error);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return new QueryResult([], Unexpected(ex));
        }
    }

    /// <summary>Maps exceptions that escaped evaluation to errors; messages never carry input data.</summary>
    private static RegoError Unexpected(Exception ex) => ex switch
    {
        OperationCanceledException => new RegoError(ErrorCodes.EvalCancel, "caller cancelled query execution", Location.None),
        InsufficientExecutionStackException => new RegoError(ErrorCodes.EvalBudget, "evaluation exceeded the depth budget", Location.None),
        _ => new RegoError(ErrorCodes.EvalInternal, "internal error: " + ex.GetType().Name, Location.None),
    };

    private static string[] SplitPath(string path)
    {
        var p = path.Trim();
        if (p.StartsWith("data.", StringComparison.Ordinal))
        {
            p = p[5..];
        }
        else if (p == "data")
        {
            return [];
        }

        return p.Split(['.', '/'], StringSplitOptions.RemoveEmptyEntries);
    }
}
