using PhiGate.Rego.Values;

namespace PhiGate.Rego.Builtins;

/// <summary>Factories for the errors builtins raise, worded as OPA words them.</summary>
internal static class BuiltinErrors
{
    public const string TypeErrorCode = "eval_type_error";
    public const string BuiltinErrorCode = "eval_builtin_error";

    /// <summary><c>operand 1 must be string but got number</c> (position is zero-based here).</summary>
    public static BuiltinException Operand(int index, string expected, Value got) =>
        new(TypeErrorCode, $"operand {index + 1} must be {expected} but got {got.TypeName}");

    /// <summary><c>operand 1 must be one of {array, set} but got number</c>.</summary>
    public static BuiltinException OperandOneOf(int index, Value got, params string[] expected) =>
        new(TypeErrorCode, $"operand {index + 1} must be one of {{{string.Join(", ", expected)}}} but got {got.TypeName}");

    /// <summary>A free-form type error message (without the builtin name; the evaluator adds it).</summary>
    public static BuiltinException Type(string message) => new(TypeErrorCode, message);

    /// <summary>A builtin failure such as <c>divide by zero</c> (the evaluator prefixes the builtin name).</summary>
    public static BuiltinException Fail(string message) => new(BuiltinErrorCode, message);
}
