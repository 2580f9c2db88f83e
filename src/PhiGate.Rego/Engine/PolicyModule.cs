namespace PhiGate.Rego;

/// <summary>One Rego source file: its name (used in error locations) and text.</summary>
public sealed record PolicyModule(string FileName, string Source);
