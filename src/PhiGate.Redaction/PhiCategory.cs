namespace PhiGate.Redaction;

/// <summary>
/// The kinds of identifier PhiGate detects, after the 18 HIPAA Safe Harbor identifiers
/// (45 CFR 164.514(b)(2)) that can be found in data. The numeric values index profile tables.
/// </summary>
public enum PhiCategory : byte
{
    /// <summary>Not an identifier.</summary>
    None = 0,

    /// <summary>Names of the individual, relatives, employers, household members, providers.</summary>
    Name,

    /// <summary>Street address, city, county, district: geographic units smaller than a state.</summary>
    Address,

    /// <summary>ZIP / postal code (generalize keeps the first three digits where allowed).</summary>
    PostalCode,

    /// <summary>All elements of dates except the year.</summary>
    Date,

    /// <summary>Ages over 89.</summary>
    Age,

    /// <summary>Telephone numbers.</summary>
    Phone,

    /// <summary>Fax numbers.</summary>
    Fax,

    /// <summary>Email addresses.</summary>
    Email,

    /// <summary>Social Security numbers.</summary>
    Ssn,

    /// <summary>Medical record numbers.</summary>
    MedicalRecordNumber,

    /// <summary>Health plan beneficiary numbers.</summary>
    HealthPlanNumber,

    /// <summary>Account numbers (including payment card numbers).</summary>
    AccountNumber,

    /// <summary>Certificate and licence numbers (driver's licence, DEA, professional licences).</summary>
    LicenseNumber,

    /// <summary>Vehicle identifiers and serial numbers, licence plates.</summary>
    VehicleId,

    /// <summary>Device identifiers and serial numbers (UDI).</summary>
    DeviceId,

    /// <summary>Web URLs.</summary>
    Url,

    /// <summary>IP addresses (v4 and v6).</summary>
    IpAddress,

    /// <summary>Biometric identifiers.</summary>
    Biometric,

    /// <summary>Full-face photographs and comparable images.</summary>
    Photo,

    /// <summary>Attached documents whose content cannot be scanned (base64 data).</summary>
    Document,

    /// <summary>Any other unique identifying number, characteristic or code (passport, NPI, record ids).</summary>
    OtherId,
}

/// <summary>Helpers over <see cref="PhiCategory"/>.</summary>
public static class PhiCategories
{
    /// <summary>Number of values in <see cref="PhiCategory"/> (including <see cref="PhiCategory.None"/>).</summary>
    public const int Count = (int)PhiCategory.OtherId + 1;

    private static readonly string[] SnakeNames =
    [
        "none", "name", "address", "postal_code", "date", "age", "phone", "fax", "email", "ssn",
        "medical_record_number", "health_plan_number", "account_number", "license_number", "vehicle_id",
        "device_id", "url", "ip_address", "biometric", "photo", "document", "other_id",
    ];

    private static readonly string[] Markers = BuildMarkers();

    /// <summary>The snake_case name used in profile YAML, e.g. <c>postal_code</c>.</summary>
    public static string ToSnakeName(this PhiCategory category) => SnakeNames[(int)category];

    /// <summary>The fixed marker written by the <c>redact</c> operator, e.g. <c>[POSTAL_CODE]</c>.</summary>
    public static string Marker(this PhiCategory category) => Markers[(int)category];

    /// <summary>Parses a snake_case category name (a few common aliases are accepted).</summary>
    public static bool TryParse(string name, out PhiCategory category)
    {
        ArgumentNullException.ThrowIfNull(name);
        var normalized = name.Trim().ToLowerInvariant().Replace('-', '_');
        normalized = normalized switch
        {
            "names" => "name",
            "geographic" or "geo" => "address",
            "zip" or "zip_code" => "postal_code",
            "dates" => "date",
            "ages" => "age",
            "telephone" => "phone",
            "mrn" => "medical_record_number",
            "health_plan" or "plan_number" => "health_plan_number",
            "account" => "account_number",
            "license" or "licence" or "licence_number" or "certificate" => "license_number",
            "vehicle" or "vin" => "vehicle_id",
            "device" or "udi" => "device_id",
            "ip" => "ip_address",
            "other" => "other_id",
            _ => normalized,
        };
        var index = Array.IndexOf(SnakeNames, normalized);
        category = index > 0 ? (PhiCategory)index : PhiCategory.None;
        return index > 0;
    }

    private static string[] BuildMarkers()
    {
        var markers = new string[Count];
        for (var i = 0; i < Count; i++)
        {
            markers[i] = "[" + SnakeNames[i].ToUpperInvariant() + "]";
        }

        return markers;
    }
}
