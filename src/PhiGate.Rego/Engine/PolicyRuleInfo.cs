namespace PhiGate.Rego;

/// <summary>A rule path of a compiled policy (<c>data.authz.allow</c>), where it is first defined, and its kind.</summary>
public sealed record PolicyRuleInfo(string Path, string File, int Line, bool IsFunction);
