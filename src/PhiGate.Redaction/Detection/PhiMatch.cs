namespace PhiGate.Redaction.Detection;

/// <summary>A detected identifier inside a text: where it is and what it is.</summary>
/// <param name="Start">Index of the first char.</param>
/// <param name="Length">Length in chars.</param>
/// <param name="Category">The identifier category.</param>
public readonly record struct PhiMatch(int Start, int Length, PhiCategory Category)
{
    /// <summary>Index just past the last char.</summary>
    public int End => Start + Length;
}
