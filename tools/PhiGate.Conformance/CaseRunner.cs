using PhiGate.Rego;
using PhiGate.Rego.Evaluation;
using PhiGate.Rego.Parsing;
using PhiGate.Rego.Values;

namespace PhiGate.Conformance;

/// <summary>Runs one case with OPA's harness semantics (<c>v1/topdown/exported_test.go</c>, <c>testRun</c>).</summary>
internal static class CaseRunner
{
    /// <summary>Returns null when the case passes, else the reason it failed.</summary>
    public static string? Run(ConformanceCase c)
    {
        if (c.WantResult is null && c.WantError is null && c.WantErrorCode is null)
        {
            return "case has none of want_result, want_error_code, want_error";
        }

        var modules = c.Modules.Select((src, i) => new PolicyModule($"test-{i}.rego", src)).ToList();
        var compilation = PolicyEngine.Create(modules, c.Data);
        if (!compilation.Success)
        {
            return "compile error: " + string.Join("; ", compilation.Errors);
        }

        Value? input = c.Input;
        if (c.InputTerm is not null)
        {
            try
            {
                input = TermValue.Parse(c.InputTerm);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                return "input_term: " + ex.Message;
            }
        }

        var options = new EvaluationOptions { StrictBuiltinErrors = c.StrictError, Timeout = TimeSpan.FromSeconds(10) };
        var result = compilation.Engine!.Query(c.Query, input, options);
        if (result.Error is { } err && err.Code.StartsWith("rego_", StringComparison.Ordinal) && c.WantErrorCode is null && c.WantError is null)
        {
            return "query compile error: " + err;
        }

        if (c.WantError is not null)
        {
            if (result.Error is null)
            {
                return $"expected error containing \"{c.WantError}\" but got success";
            }

            if (!result.Error.ToString().Contains(c.WantError, StringComparison.Ordinal))
            {
                return $"expected error text \"{c.WantError}\" but got \"{result.Error}\"";
            }
        }

        if (c.WantErrorCode is not null)
        {
            if (result.Error is null)
            {
                return $"expected error code {c.WantErrorCode} but got success";
            }

            if (result.Error.Code != c.WantErrorCode)
            {
                return $"expected error code {c.WantErrorCode} but got {result.Error}";
            }
        }

        if (result.Error is not null && c.WantError is null && c.WantErrorCode is null)
        {
            return "unexpected error: " + result.Error;
        }

        if (c.WantResult is null)
        {
            return null;
        }

        // As OPA's harness does: want_result is compared even when an error is expected, against the rows
        // the query produced before it failed.
        var got = new List<Value>();
        foreach (var row in result.Rows)
        {
            var b = new ObjectBuilder();
            foreach (var (name, v) in row)
            {
                if (c.IgnoreGeneratedVars && name.StartsWith("__localq", StringComparison.Ordinal))
                {
                    continue;
                }

                var json = ToJsonValue(v);
                if (c.SortBindings && json is ArrayValue arr)
                {
                    var items = arr.Items.ToArray();
                    Array.Sort(items, ValueComparer.Instance);
                    json = Value.NewArray(items);
                }

                b.Add(name, json);
            }

            got.Add(b.Build());
        }

        var want = Value.NewSet([.. c.WantResult.Select(ToJsonValue)]);
        var gotSet = Value.NewSet([.. got]);
        if (!want.Equals(gotSet))
        {
            return $"unexpected result: want {Truncate(want.ToString())} got {Truncate(gotSet.ToString())}";
        }

        return null;
    }

    /// <summary>Round-trips through JSON as OPA does (sets become arrays, non-string keys become strings).</summary>
    private static Value ToJsonValue(Value v) => JsonValueReader.Parse(JsonText.Serialize(v));

    private static string Truncate(string s) => s.Length > 300 ? s[..300] + "..." : s;
}

/// <summary>Parses Rego term text (for <c>input_term</c>) into a value.</summary>
internal static class TermValue
{
    public static Value Parse(string text)
    {
        var compilation = PolicyEngine.Create([new PolicyModule("input_term.rego", "package input_term\nx := " + text)]);
        if (!compilation.Success)
        {
            throw new FormatException(string.Join("; ", compilation.Errors));
        }

        var r = compilation.Engine!.EvaluateRule("input_term/x", (Value?)null);
        return r.Value ?? throw new FormatException("input_term is undefined");
    }

    internal static bool IsParser => typeof(Parser) is not null;
}
