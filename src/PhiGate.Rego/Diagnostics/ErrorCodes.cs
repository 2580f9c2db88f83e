namespace PhiGate.Rego.Diagnostics;

/// <summary>OPA's error codes.</summary>
public static class ErrorCodes
{
    public const string Parse = "rego_parse_error";
    public const string Compile = "rego_compile_error";
    public const string Type = "rego_type_error";
    public const string UnsafeVar = "rego_unsafe_var_error";
    public const string Recursion = "rego_recursion_error";
    public const string EvalConflict = "eval_conflict_error";
    public const string EvalType = "eval_type_error";
    public const string EvalBuiltin = "eval_builtin_error";
    public const string EvalCancel = "eval_cancel_error";
    public const string EvalBudget = "eval_budget_error";
    public const string EvalInternal = "eval_internal_error";
}
