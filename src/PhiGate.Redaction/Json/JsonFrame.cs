namespace PhiGate.Redaction.Json;

/// <summary>One open object or array on the redactor's stack.</summary>
internal struct JsonFrame
{
    /// <summary>The property this container is the value of (for array elements: the array's property).</summary>
    public FieldKind Field;

    /// <summary>The category of that property when <see cref="Field"/> is <see cref="FieldKind.Phi"/>.</summary>
    public PhiCategory FieldCategory;

    public FieldContext Context;

    public ResourceKind Resource;

    /// <summary>
    /// A category learned from a sibling before the value: identifier type, telecom system, extension url.
    /// </summary>
    public PhiCategory Pending;

    public bool IsArray;

    /// <summary>This object has a <c>reference</c>: it is a FHIR Reference, so its <c>display</c> is free text.</summary>
    public bool HasReference;

    /// <summary>This object's <c>reference</c> points at a person, so its <c>display</c> is a name.</summary>
    public bool PersonReference;

    /// <summary>The pending category came from an identifier type code (which wins over the system).</summary>
    public bool PendingFromType;
}
