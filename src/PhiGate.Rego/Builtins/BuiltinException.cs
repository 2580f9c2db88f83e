namespace PhiGate.Rego.Builtins;

/// <summary>
/// Raised by a builtin to report OPA's <c>eval_type_error</c> or <c>eval_builtin_error</c>. The evaluator
/// catches it, prefixes the builtin name and location, and either stops (type errors, strict mode) or
/// treats the call as undefined.
/// </summary>
internal sealed class BuiltinException : Exception
{
    public BuiltinException()
    {
        Code = BuiltinErrors.BuiltinErrorCode;
    }

    public BuiltinException(string message)
        : base(message)
    {
        Code = BuiltinErrors.BuiltinErrorCode;
    }

    public BuiltinException(string message, Exception inner)
        : base(message, inner)
    {
        Code = BuiltinErrors.BuiltinErrorCode;
    }

    public BuiltinException(string code, string message)
        : base(message)
    {
        Code = code;
    }

    /// <summary>Gets OPA's error code.</summary>
    public string Code { get; }

    /// <summary>Gets whether the error is a type error (these halt evaluation even when not strict).</summary>
    public bool IsTypeError => Code == BuiltinErrors.TypeErrorCode;
}
