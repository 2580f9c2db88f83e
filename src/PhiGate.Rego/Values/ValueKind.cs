namespace PhiGate.Rego.Values;

/// <summary>The kinds of Rego values, declared in OPA's canonical cross-type sort order.</summary>
public enum ValueKind
{
    Null = 0,
    Boolean = 1,
    Number = 2,
    String = 3,
    Array = 4,
    Object = 5,
    Set = 6,
}
