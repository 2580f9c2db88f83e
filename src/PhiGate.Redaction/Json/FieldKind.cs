namespace PhiGate.Redaction.Json;

/// <summary>What a JSON property name means to the redactor (after normalization: ASCII lower case, no '_' or '-').</summary>
internal enum FieldKind : byte
{
    Unknown = 0,

    /// <summary>A field whose value is always of one category (email, ssn, city, postalCode...).</summary>
    Phi,
    ResourceType,
    Resource,
    Name,
    NamePart,
    Text,
    Telecom,
    Value,
    System,
    Address,
    Line,
    BirthDate,
    Identifier,
    Code,
    Photo,
    Data,
    Url,
    Reference,
    Display,
    Div,
    FreeText,
    ValueString,
    Extension,
    Note,
    PersonReference,
    Keep,
}

/// <summary>The FHIR datatype (or area) a container belongs to; children inherit it.</summary>
internal enum FieldContext : byte
{
    None = 0,
    HumanName,
    Address,
    Telecom,
    Identifier,
    Photo,
    Narrative,
    Extension,
    Annotation,
}

/// <summary>The kind of the enclosing FHIR resource.</summary>
internal enum ResourceKind : byte
{
    /// <summary>No resourceType seen (yet): generic JSON, or a resource that does not start with it. Treated as the most sensitive.</summary>
    Unknown = 0,

    /// <summary>Patient, Person, RelatedPerson, Practitioner: every name, telecom, address, identifier is PHI.</summary>
    Person,

    /// <summary>Organization, Location and the like: addresses are geographic, identifiers are not an individual's.</summary>
    Organization,

    /// <summary>Any other resource (clinical, financial, Bundle).</summary>
    Other,
}
