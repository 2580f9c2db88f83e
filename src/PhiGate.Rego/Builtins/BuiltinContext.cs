using PhiGate.Rego.Values;

namespace PhiGate.Rego.Builtins;

/// <summary>
/// Per-query state a builtin may use: cancellation, the clock (one <c>time.now_ns</c> per query), the
/// strict-errors flag, the print sink and a cache for per-query memoisation (random numbers, parsed
/// regular expressions, HTTP responses).
/// </summary>
internal sealed class BuiltinContext
{
    private long? _nowNs;
    private Dictionary<object, object>? _cache;

    public BuiltinContext(TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        TimeProvider = timeProvider;
        CancellationToken = cancellationToken;
    }

    /// <summary>Gets the query's cancellation token; long-running builtins check it.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>Gets the clock.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>Gets or sets whether builtin errors stop evaluation (otherwise the call is undefined).</summary>
    public bool StrictErrors { get; set; }

    /// <summary>Gets or sets the sink for <c>print</c> output (null: print is a no-op).</summary>
    public Action<string>? Print { get; set; }

    /// <summary>Gets the current time in Unix nanoseconds, fixed for the whole query as OPA does.</summary>
    public long NowNanoseconds
    {
        get
        {
            _nowNs ??= (TimeProvider.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks * 100;
            return _nowNs.Value;
        }
    }

    /// <summary>Gets a per-query cache (created on first use). Key by a tuple that includes the builtin name.</summary>
    public Dictionary<object, object> Cache => _cache ??= [];

    /// <summary>Gets the current time as a value.</summary>
    internal Value Now => Value.From(NowNanoseconds);
}
