namespace PhiGate.Redaction.Profiles;

/// <summary>The profiles that exist without configuration.</summary>
public static class BuiltInProfiles
{
    /// <summary>Name of the strictest profile, used when a caller names none.</summary>
    public const string StrictName = "strict";

    /// <summary>Name of the HIPAA Safe Harbor profile.</summary>
    public const string SafeHarborName = "safe_harbor";

    /// <summary>
    /// Every category replaced by its marker, dates and ZIP codes included: nothing of an identifier
    /// remains. The default when the caller's profile is absent.
    /// </summary>
    public static RedactionProfile Strict { get; } = new(StrictName, new Dictionary<PhiCategory, CategoryRule>());

    /// <summary>
    /// Removes all 18 Safe Harbor identifiers and keeps what the rule allows: the year of a date,
    /// the first three digits of a ZIP code (000 for restricted prefixes), ages as "90+" above 89.
    /// </summary>
    public static RedactionProfile SafeHarbor { get; } = new(
        SafeHarborName,
        new Dictionary<PhiCategory, CategoryRule>
        {
            [PhiCategory.Date] = new(OperatorKind.Generalize),
            [PhiCategory.PostalCode] = new(OperatorKind.Generalize),
            [PhiCategory.Age] = new(OperatorKind.Generalize),
        });
}
