namespace PhiGate.Redaction.Profiles;

/// <summary>
/// A named table that gives every <see cref="PhiCategory"/> its <see cref="CategoryRule"/>.
/// Immutable and safe to share between threads.
/// </summary>
public sealed class RedactionProfile
{
    private readonly CategoryRule[] _rules;

    /// <summary>Creates a profile; categories missing from <paramref name="rules"/> are redacted.</summary>
    public RedactionProfile(string name, IReadOnlyDictionary<PhiCategory, CategoryRule> rules, string? hashKeyId = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(rules);
        Name = name;
        HashKeyId = hashKeyId;
        _rules = new CategoryRule[PhiCategories.Count];
        Array.Fill(_rules, CategoryRule.Redact);
        _rules[(int)PhiCategory.None] = new CategoryRule(OperatorKind.Keep);
        foreach (var (category, rule) in rules)
        {
            if (category != PhiCategory.None)
            {
                _rules[(int)category] = rule;
            }
        }
    }

    /// <summary>The profile name callers select it by (e.g. <c>safe_harbor</c>).</summary>
    public string Name { get; }

    /// <summary>The id of the HMAC key the <c>hash</c> operator uses; null when no rule hashes.</summary>
    public string? HashKeyId { get; }

    /// <summary>The rule for one category.</summary>
    public CategoryRule this[PhiCategory category] => _rules[(int)category];

    /// <summary>True when some category uses <see cref="OperatorKind.Hash"/>.</summary>
    public bool UsesHash => Array.Exists(_rules, r => r.Operator == OperatorKind.Hash);

    /// <summary>Every category with its rule (without <see cref="PhiCategory.None"/>).</summary>
    public IEnumerable<KeyValuePair<PhiCategory, CategoryRule>> Rules
    {
        get
        {
            for (var i = 1; i < _rules.Length; i++)
            {
                yield return new KeyValuePair<PhiCategory, CategoryRule>((PhiCategory)i, _rules[i]);
            }
        }
    }
}
