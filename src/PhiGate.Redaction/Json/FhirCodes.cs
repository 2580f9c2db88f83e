namespace PhiGate.Redaction.Json;

/// <summary>FHIR R4 codes and URLs that decide a value's category, compared as UTF-8 without allocating.</summary>
internal static class FhirCodes
{
    public static ResourceKind ResourceKindOf(ReadOnlySpan<byte> resourceType)
    {
        if (resourceType.SequenceEqual("Patient"u8) || resourceType.SequenceEqual("Person"u8)
            || resourceType.SequenceEqual("RelatedPerson"u8) || resourceType.SequenceEqual("Practitioner"u8)
            || resourceType.SequenceEqual("PractitionerRole"u8))
        {
            return ResourceKind.Person;
        }

        if (resourceType.SequenceEqual("Organization"u8) || resourceType.SequenceEqual("Location"u8)
            || resourceType.SequenceEqual("HealthcareService"u8) || resourceType.SequenceEqual("Endpoint"u8)
            || resourceType.SequenceEqual("InsurancePlan"u8) || resourceType.SequenceEqual("OrganizationAffiliation"u8))
        {
            return ResourceKind.Organization;
        }

        return ResourceKind.Other;
    }

    /// <summary>v2-0203 identifier type codes.</summary>
    public static PhiCategory IdentifierTypeCategory(ReadOnlySpan<byte> code) => code switch
    {
        _ when code.SequenceEqual("MR"u8) || code.SequenceEqual("MRT"u8) || code.SequenceEqual("PI"u8) => PhiCategory.MedicalRecordNumber,
        _ when code.SequenceEqual("SS"u8) => PhiCategory.Ssn,
        _ when code.SequenceEqual("DL"u8) || code.SequenceEqual("LN"u8) || code.SequenceEqual("MD"u8) || code.SequenceEqual("DEA"u8)
            || code.SequenceEqual("NPI"u8) || code.SequenceEqual("SL"u8) || code.SequenceEqual("PRN"u8) => PhiCategory.LicenseNumber,
        _ when code.SequenceEqual("MB"u8) || code.SequenceEqual("MA"u8) || code.SequenceEqual("MC"u8) || code.SequenceEqual("SN"u8)
            || code.SequenceEqual("SB"u8) || code.SequenceEqual("NH"u8) => PhiCategory.HealthPlanNumber,
        _ when code.SequenceEqual("AN"u8) || code.SequenceEqual("ANON"u8) || code.SequenceEqual("BA"u8) => PhiCategory.AccountNumber,
        _ when code.SequenceEqual("PPN"u8) || code.SequenceEqual("TAX"u8) || code.SequenceEqual("EI"u8) => PhiCategory.OtherId,
        _ when code.SequenceEqual("SNO"u8) || code.SequenceEqual("UDI"u8) => PhiCategory.DeviceId,
        _ => PhiCategory.None,
    };

    public static PhiCategory IdentifierSystemCategory(ReadOnlySpan<byte> system) => system switch
    {
        _ when system.EndsWith("/us-ssn"u8) || system.EndsWith("2.16.840.1.113883.4.1"u8) => PhiCategory.Ssn,
        _ when system.EndsWith("/us-npi"u8) || system.EndsWith("2.16.840.1.113883.4.6"u8) => PhiCategory.LicenseNumber,
        _ when system.EndsWith("/us-mbi"u8) || system.EndsWith("/us-medicare"u8) => PhiCategory.HealthPlanNumber,
        _ when system.IndexOf("passport"u8) >= 0 => PhiCategory.OtherId,
        _ when system.IndexOf("driver"u8) >= 0 => PhiCategory.LicenseNumber,
        _ => PhiCategory.None,
    };

    /// <summary>Extensions whose value is an identifier of a person or place.</summary>
    public static PhiCategory ExtensionCategory(ReadOnlySpan<byte> url) => url switch
    {
        _ when url.EndsWith("mothersMaidenName"u8) || url.EndsWith("patient-preferredName"u8) || url.EndsWith("humanname-own-name"u8) => PhiCategory.Name,
        _ when url.EndsWith("birthPlace"u8) || url.EndsWith("geolocation"u8) || url.EndsWith("patient-nationality"u8) => PhiCategory.Address,
        _ when url.EndsWith("birthTime"u8) => PhiCategory.Date,
        _ => PhiCategory.None,
    };

    public static bool IsPersonReference(ReadOnlySpan<byte> reference) =>
        reference.StartsWith("Patient"u8) || reference.StartsWith("Practitioner"u8) || reference.StartsWith("Person"u8)
        || reference.StartsWith("RelatedPerson"u8) || reference.IndexOf("/Patient/"u8) >= 0 || reference.IndexOf("/Practitioner/"u8) >= 0
        || reference.IndexOf("/RelatedPerson/"u8) >= 0;

    /// <summary>A FHIR date, dateTime or instant with more than a year: YYYY-MM[-DD[Thh:mm...]].</summary>
    public static bool IsDateShaped(ReadOnlySpan<byte> value)
    {
        if (value.Length < 7 || value.Length > 40 || value[4] != '-')
        {
            return false;
        }

        if (!IsDigit(value[0]) || !IsDigit(value[1]) || !IsDigit(value[2]) || !IsDigit(value[3]) || !IsDigit(value[5]) || !IsDigit(value[6]))
        {
            return false;
        }

        if (value[0] is not ((byte)'1' or (byte)'2'))
        {
            return false;
        }

        if (value.Length == 7)
        {
            return true;
        }

        return value.Length >= 10 && value[7] == '-' && IsDigit(value[8]) && IsDigit(value[9]) && (value.Length == 10 || value[10] is (byte)'T' or (byte)' ');
    }

    private static bool IsDigit(byte b) => (uint)(b - '0') <= 9;
}
