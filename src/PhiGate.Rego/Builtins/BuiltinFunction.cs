using PhiGate.Rego.Values;

namespace PhiGate.Rego.Builtins;

/// <summary>
/// A builtin function: returns its result, or <c>null</c> when the call is undefined. Errors are raised
/// with <see cref="BuiltinException"/> (see <see cref="BuiltinErrors"/>).
/// </summary>
internal delegate Value? BuiltinFunction(BuiltinContext context, ReadOnlySpan<Value> args);

/// <summary>A builtin relation (such as <c>walk</c>) that yields any number of results.</summary>
internal delegate void BuiltinRelation(BuiltinContext context, ReadOnlySpan<Value> args, List<Value> results);
