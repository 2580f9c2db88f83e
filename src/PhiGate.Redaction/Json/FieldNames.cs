using System.Text;

namespace PhiGate.Redaction.Json;

/// <summary>
/// Precomputed lookup from a property name to its <see cref="FieldKind"/> (and category for
/// <see cref="FieldKind.Phi"/>). Names are normalized (ASCII lower case, '_' and '-' dropped) so that
/// FHIR camelCase and generic snake_case or kebab-case names share one table. No allocation per lookup.
/// </summary>
internal static class FieldNames
{
    private const int TableSize = 1024;
    private const int MaxNameLength = 48;
    private static readonly Entry[] Table = Build();

    public static (FieldKind Kind, PhiCategory Category) Classify(ReadOnlySpan<byte> utf8Name)
    {
        if (utf8Name.Length == 0 || utf8Name.Length > MaxNameLength)
        {
            return default;
        }

        Span<byte> normalized = stackalloc byte[MaxNameLength];
        var length = 0;
        var hash = 2166136261u;
        foreach (var b in utf8Name)
        {
            if (b is (byte)'_' or (byte)'-')
            {
                continue;
            }

            var lower = b is >= (byte)'A' and <= (byte)'Z' ? (byte)(b | 0x20) : b;
            normalized[length++] = lower;
            hash = (hash ^ lower) * 16777619u;
        }

        var key = normalized[..length];
        var slot = (int)(hash & (TableSize - 1));
        while (true)
        {
            var entry = Table[slot];
            if (entry.Key is null)
            {
                return default;
            }

            if (entry.Hash == hash && key.SequenceEqual(entry.Key))
            {
                return (entry.Kind, entry.Category);
            }

            slot = (slot + 1) & (TableSize - 1);
        }
    }

    private static Entry[] Build()
    {
        var table = new Entry[TableSize];
        void Add(FieldKind kind, PhiCategory category, params string[] names)
        {
            foreach (var name in names)
            {
                var key = Encoding.ASCII.GetBytes(name.Replace("_", string.Empty, StringComparison.Ordinal).ToLowerInvariant());
                var hash = 2166136261u;
                foreach (var b in key)
                {
                    hash = (hash ^ b) * 16777619u;
                }

                var slot = (int)(hash & (TableSize - 1));
                while (table[slot].Key is not null)
                {
                    slot = (slot + 1) & (TableSize - 1);
                }

                table[slot] = new Entry(key, hash, kind, category);
            }
        }

        // FHIR structure.
        Add(FieldKind.ResourceType, PhiCategory.None, "resourceType");
        Add(FieldKind.Resource, PhiCategory.None, "resource", "contained");
        Add(FieldKind.Name, PhiCategory.Name, "name");
        Add(FieldKind.NamePart, PhiCategory.Name, "given", "family", "prefix", "suffix");
        Add(FieldKind.Text, PhiCategory.None, "text");
        Add(FieldKind.Telecom, PhiCategory.Phone, "telecom");
        Add(FieldKind.Value, PhiCategory.None, "value");
        Add(FieldKind.System, PhiCategory.None, "system");
        Add(FieldKind.Address, PhiCategory.Address, "address", "valueAddress", "birthPlace", "homeAddress", "mailingAddress", "residence");
        Add(FieldKind.Line, PhiCategory.Address, "line");
        Add(FieldKind.BirthDate, PhiCategory.Date, "birthDate", "dob", "dateOfBirth", "birthday", "birthDateTime");
        Add(FieldKind.Identifier, PhiCategory.OtherId, "identifier");
        Add(FieldKind.Code, PhiCategory.None, "code");
        Add(FieldKind.Photo, PhiCategory.Photo, "photo", "avatar", "picture", "headshot");
        Add(FieldKind.Data, PhiCategory.Document, "data");
        Add(FieldKind.Url, PhiCategory.Url, "url");
        Add(FieldKind.Reference, PhiCategory.None, "reference", "ifNoneExist", "ifMatch", "ifNoneMatch");
        Add(FieldKind.Display, PhiCategory.None, "display");
        Add(FieldKind.Div, PhiCategory.None, "div");
        Add(FieldKind.ValueString, PhiCategory.None, "valueString", "valueMarkdown");
        Add(FieldKind.FreeText, PhiCategory.None, "conclusion", "description", "comment", "comments", "summary", "patientInstruction", "notes", "remarks", "narrative", "message", "freeText", "clinicalNotes", "history", "reasonText", "instructions");
        Add(FieldKind.Note, PhiCategory.None, "note");
        Add(FieldKind.Extension, PhiCategory.None, "extension", "modifierExtension");
        Add(FieldKind.PersonReference, PhiCategory.None, "subject", "patient", "beneficiary", "individual", "practitioner", "requester", "author", "recorder", "asserter", "who", "informant", "sender", "recipient", "enterer", "attester", "performer", "participant", "member", "policyHolder", "subscriber", "payee", "authorString");
        Add(FieldKind.Keep, PhiCategory.None, "id", "fullUrl", "status", "use", "state", "country", "gender", "unit", "currency", "method", "lastUpdated", "versionId", "profile", "contentType", "language", "sequence", "intent", "priority", "type");

        // Address parts, wherever they appear.
        Add(FieldKind.Phi, PhiCategory.Address, "city", "district", "county", "town", "street", "streetAddress", "address1", "address2", "addressLine", "addressLine1", "addressLine2", "streetLine", "neighborhood", "municipality");
        Add(FieldKind.Phi, PhiCategory.PostalCode, "postalCode", "zip", "zipCode", "postcode", "zip5", "postal");
        Add(FieldKind.Phi, PhiCategory.Address, "latitude", "longitude", "lat", "lon", "lng", "geolocation", "coordinates");

        // Generic JSON field names.
        Add(FieldKind.Phi, PhiCategory.Name, "firstName", "lastName", "fullName", "middleName", "surname", "givenName", "familyName", "patientName", "maidenName", "mothersMaidenName", "nickname", "displayName", "contactName", "guardianName", "spouseName", "fname", "lname", "physicianName", "providerName", "doctorName", "nextOfKin", "emergencyContact");
        Add(FieldKind.Phi, PhiCategory.Email, "email", "emailAddress", "mail", "eMail");
        Add(FieldKind.Phi, PhiCategory.Phone, "phone", "phoneNumber", "mobile", "mobileNumber", "cell", "cellPhone", "homePhone", "workPhone", "telephone", "tel", "msisdn", "pager");
        Add(FieldKind.Phi, PhiCategory.Fax, "fax", "faxNumber");
        Add(FieldKind.Phi, PhiCategory.Ssn, "ssn", "socialSecurityNumber", "socialSecurity", "ssnLast4", "taxId", "tin", "itin");
        Add(FieldKind.Phi, PhiCategory.MedicalRecordNumber, "mrn", "medicalRecordNumber", "recordNumber", "chartNumber", "patientId", "patientNumber");
        Add(FieldKind.Phi, PhiCategory.HealthPlanNumber, "memberId", "memberNumber", "policyNumber", "policyId", "subscriberId", "insuranceId", "insuranceNumber", "medicaidId", "medicareId", "medicareNumber", "beneficiaryId", "healthPlanId", "groupNumber", "planId", "mbi");
        Add(FieldKind.Phi, PhiCategory.AccountNumber, "accountNumber", "accountId", "account", "acct", "iban", "cardNumber", "creditCard", "creditCardNumber", "bankAccount", "routingNumber", "pan");
        Add(FieldKind.Phi, PhiCategory.LicenseNumber, "licenseNumber", "licenceNumber", "driversLicense", "driversLicence", "driverLicense", "dlNumber", "dea", "deaNumber", "npi", "certificateNumber", "licence", "license");
        Add(FieldKind.Phi, PhiCategory.OtherId, "passport", "passportNumber", "nationalId", "employeeId", "badgeNumber", "studentId");
        Add(FieldKind.Phi, PhiCategory.VehicleId, "vin", "vehicleId", "licensePlate", "licencePlate", "plateNumber");
        Add(FieldKind.Phi, PhiCategory.DeviceId, "serialNumber", "udi", "udiCarrier", "deviceId", "imei", "macAddress", "deviceIdentifier");
        Add(FieldKind.Phi, PhiCategory.IpAddress, "ip", "ipAddress", "ipv4", "ipv6", "clientIp", "remoteAddr", "remoteAddress", "sourceIp", "xForwardedFor");
        Add(FieldKind.Phi, PhiCategory.Url, "website", "homepage", "webpage", "profileUrl");
        Add(FieldKind.Phi, PhiCategory.Age, "age", "ageYears", "patientAge");
        Add(FieldKind.Phi, PhiCategory.Biometric, "fingerprint", "retinaScan", "irisScan", "voiceprint", "faceTemplate", "biometric", "biometrics");
        Add(FieldKind.Phi, PhiCategory.Date, "deceasedDateTime", "deceasedDate", "dateOfDeath", "admissionDate", "dischargeDate", "admitDate");
        return table;
    }

    private readonly record struct Entry(byte[]? Key, uint Hash, FieldKind Kind, PhiCategory Category);
}
