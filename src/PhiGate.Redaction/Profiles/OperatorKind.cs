namespace PhiGate.Redaction.Profiles;

/// <summary>What a profile does with a detected value of one category.</summary>
public enum OperatorKind : byte
{
    /// <summary>Replace the value with a fixed marker such as <c>[NAME]</c>.</summary>
    Redact = 0,

    /// <summary>Keep the last N letters/digits and replace the others with <c>*</c>.</summary>
    Mask,

    /// <summary>HMAC-SHA256 pseudonym with a key id: equal inputs give equal outputs, so records still join.</summary>
    Hash,

    /// <summary>Date → year, ZIP → first three digits (restricted prefixes → 000), age over 89 → "90+".</summary>
    Generalize,

    /// <summary>Leave the value as it is.</summary>
    Keep,
}

/// <summary>The operator applied to one category, with its parameter.</summary>
/// <param name="Operator">The operator.</param>
/// <param name="KeepLast">For <see cref="OperatorKind.Mask"/>: how many trailing letters/digits stay visible.</param>
public readonly record struct CategoryRule(OperatorKind Operator, int KeepLast = 0)
{
    /// <summary>The rule that replaces a value with its category marker.</summary>
    public static CategoryRule Redact { get; } = new(OperatorKind.Redact);
}
