namespace PhiGate.Rego.Diagnostics;

/// <summary>A position in a Rego source file (1-based line and column).</summary>
public readonly record struct Location(string File, int Line, int Column, int Offset)
{
    /// <summary>Gets an empty location.</summary>
    public static Location None { get; } = new(string.Empty, 0, 0, 0);

    /// <inheritdoc />
    public override string ToString() => Line > 0 ? $"{File}:{Line}" : File;
}
