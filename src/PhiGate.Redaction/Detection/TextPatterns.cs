using System.Text.RegularExpressions;

namespace PhiGate.Redaction.Detection;

/// <summary>
/// Source-generated patterns for free text. Each finds candidates only; validation (checksums, ranges,
/// context) happens in <see cref="TextDetector"/>. Patterns are anchored on word boundaries and bounded
/// in length so that backtracking stays linear in practice.
/// </summary>
internal static partial class TextPatterns
{
    private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture;

    [GeneratedRegex(@"(?<![\w.+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}\.)+[A-Za-z]{2,24}\b", Options)]
    internal static partial Regex Email();

    [GeneratedRegex(@"\b(?:(?:https?|ftp)://|www\.)[^\s<>""'\]\[(){}]{2,2048}", Options | RegexOptions.IgnoreCase)]
    internal static partial Regex Url();

    [GeneratedRegex(@"(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d.]*\d)", Options)]
    internal static partial Regex IPv4();

    [GeneratedRegex(@"(?<![\w:])(?:[0-9A-Fa-f]{1,4}:|::?)(?:[0-9A-Fa-f]{0,4}:){1,7}[0-9A-Fa-f]{0,4}(?![\w:])", Options)]
    internal static partial Regex IPv6();

    [GeneratedRegex(@"(?<![\w-])(?<a>\d{3})(?<s>[- ]?)(?<g>\d{2})\k<s>(?<n>\d{4})(?![\w-])", RegexOptions.CultureInvariant)]
    internal static partial Regex Ssn();

    [GeneratedRegex(@"(?<![\w+])(?:\+?1[-. ]?)?(?:\(\d{3}\)[ ]?|\d{3}[-. ])\d{3}[-. ]\d{4}(?:[ ]?(?:x|ext\.?)[ ]?\d{1,5})?(?!\w)", Options | RegexOptions.IgnoreCase)]
    internal static partial Regex Phone();

    [GeneratedRegex(@"(?<![\w/.-])(?:0?[1-9]|1[0-2])(?<sep>[/.-])(?:0?[1-9]|[12]\d|3[01])\k<sep>(?:(?:19|20)\d{2}|\d{2})(?![\w/-])", RegexOptions.CultureInvariant)]
    internal static partial Regex NumericDate();

    [GeneratedRegex(@"(?<![\w-])(?:1[89]|20)\d{2}-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01])(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?)?(?![\w-])", Options)]
    internal static partial Regex IsoDate();

    private const string ShortDateContext = @"\b(?:[Oo]n|[Ss]een|[Ss]ince|[Ff]rom|[Uu]ntil|[Dd]ated|[Tt]hrough|[Tt]hru|[Bb]efore|[Aa]fter|DOS|DOB)[ ]+";
    private const string ShortDateValue = @"(?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12]\d|3[01])(?![\d/])";

    /// <summary>Month/day without a year, only after a word that introduces a date ("seen 3/14"): fractions stay.</summary>
    [GeneratedRegex(ShortDateContext + ShortDateValue, Options)]
    internal static partial Regex ShortDate();

    [GeneratedRegex("(?<=" + ShortDateContext + ")" + ShortDateValue, Options)]
    internal static partial Regex ShortDateOnly();

    [GeneratedRegex(@"\b(?:(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?[ ]+\d{1,2}(?:st|nd|rd|th)?\b(?:,?[ ]+(?:19|20)\d{2}\b)?|\d{1,2}(?:st|nd|rd|th)?[ ]+(?:of[ ]+)?(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?(?:,?[ ]+(?:19|20)\d{2})?\b)", Options)]
    internal static partial Regex WordDate();

    [GeneratedRegex(@"\b\d{2,3}(?=[- ]?(?:years?|yrs?)[- ]old|[ ]?(?:yo|y/o|y\.o\.)(?!\w)|[- ]year-old)", Options | RegexOptions.IgnoreCase)]
    internal static partial Regex Age();

    private const string AgeContext = @"\b(?:aged?|age:)[ ]+";
    private const string AgeValue = @"\d{2,3}\b";

    [GeneratedRegex(AgeContext + AgeValue, Options | RegexOptions.IgnoreCase)]
    internal static partial Regex AgeAfterWord();

    [GeneratedRegex("(?<=" + AgeContext + ")" + AgeValue, Options | RegexOptions.IgnoreCase)]
    internal static partial Regex AgeAfterWordOnly();

    [GeneratedRegex(@"\b\d{1,6}[ ]+(?:[NSEW]\.?[ ]+)?(?:[A-Z][A-Za-z'-]*\.?[ ]+){1,4}(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl|Row|Terrace|Ter|Circle|Cir|Highway|Hwy|Parkway|Pkwy|Square|Sq|Trail|Trl|Alley|Plaza|Loop|Crossing|Path)\b\.?(?:,?[ ]+(?:Apt|Apartment|Suite|Ste|Unit|Room|#)\.?[ ]*#?[A-Za-z0-9-]{1,6}\b)?", Options)]
    internal static partial Regex StreetAddress();

    [GeneratedRegex(@"\b(?<city>[A-Z][a-z]+(?:[ ][A-Z][a-z]+){0,2}),[ ]+(?:A[LKZR]|C[AOT]|D[EC]|FL|GA|HI|I[DLNA]|K[SY]|LA|M[EDAINSOT]|N[EVHJMYCD]|O[HKR]|PA|RI|S[CD]|T[NX]|UT|V[TA]|W[AVIY]|Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Georgia|Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|Michigan|Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|New[ ](?:Hampshire|Jersey|Mexico|York)|North[ ](?:Carolina|Dakota)|Ohio|Oklahoma|Oregon|Pennsylvania|Rhode[ ]Island|South[ ](?:Carolina|Dakota)|Tennessee|Texas|Utah|Vermont|Virginia|Washington|West[ ]Virginia|Wisconsin|Wyoming)(?:[ ,]+(?<zip>\d{5}(?:-\d{4})?))?\b", Options)]
    internal static partial Regex CityStateZip();

    private const string ZipWithContextContext = @"\b(?:zip(?:[ ]?code)?|postal[ ]code)[ ]*(?:is|:|#)?[ ]*";
    private const string ZipWithContextValue = @"\d{5}(?:-\d{4})?\b";

    /// <summary>Finds the context and the value together (fast: the search starts at the context words).</summary>
    [GeneratedRegex(ZipWithContextContext + ZipWithContextValue, Options | RegexOptions.IgnoreCase)]
    internal static partial Regex ZipWithContext();

    /// <summary>Only the value, inside a slice found by <see cref="ZipWithContext"/>.</summary>
    [GeneratedRegex("(?<=" + ZipWithContextContext + ")" + ZipWithContextValue, Options | RegexOptions.IgnoreCase)]
    internal static partial Regex ZipWithContextOnly();

    private const string PlaceWithContextContext = @"\b(?:lives|living|resides|residing|moved|relocated|home)[ ]+(?:in|to|at)[ ]+";
    private const string PlaceWithContextValue = @"[A-Z][a-z]+(?:[ ][A-Z][a-z]+)?";

    /// <summary>Finds the context and the value together (fast: the search starts at the context words).</summary>
    [GeneratedRegex(PlaceWithContextContext + PlaceWithContextValue, Options)]
    internal static partial Regex PlaceWithContext();

    /// <summary>Only the value, inside a slice found by <see cref="PlaceWithContext"/>.</summary>
    [GeneratedRegex("(?<=" + PlaceWithContextContext + ")" + PlaceWithContextValue, Options)]
    internal static partial Regex PlaceWithContextOnly();

    private const string NameAfterHonorificContext = @"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof)\.?[ ]+";
    private const string NameAfterHonorificValue = @"(?:[A-Z]'|Ma?c)?[A-Z][a-z]+(?:-[A-Z][a-z]+)?(?:[ ]+[A-Z]\.)?(?:[ ]+(?!(?:MD|DO|RN|NP|PA)\b)(?:[A-Z]'|Ma?c)?[A-Z][a-z]+(?:-[A-Z][a-z]+)?){0,2}";

    /// <summary>Finds the context and the value together (fast: the search starts at the context words).</summary>
    [GeneratedRegex(NameAfterHonorificContext + NameAfterHonorificValue, Options)]
    internal static partial Regex NameAfterHonorific();

    /// <summary>Only the value, inside a slice found by <see cref="NameAfterHonorific"/>.</summary>
    [GeneratedRegex("(?<=" + NameAfterHonorificContext + ")" + NameAfterHonorificValue, Options)]
    internal static partial Regex NameAfterHonorificOnly();

    private const string NameAfterContextContext = @"\b(?:[Pp]atient|[Pp]t|[Nn]ame|[Hh]usband|[Ww]ife|[Ss]on|[Dd]aughter|[Mm]other|[Ff]ather|[Bb]rother|[Ss]ister|[Ss]pouse|[Pp]artner|[Gg]uardian|[Cc]aregiver|[Ss]een[ ]by|[Rr]eferred[ ]by|[Ss]igned[ ]by|[Aa]ttending|[Nn]urse|[Ss]poke[ ]with|[Dd]iscussed[ ]with|[Aa]ccompanied[ ]by|[Cc]ontact|NOK|[Nn]ext[ ]of[ ]kin|[Gg]randmother|[Gg]randfather|[Ff]riend|[Nn]eighbor|[Ee]mployer|[Ww]orks[ ]for|[Ww]orks[ ]at|[Gg]randdaughter|[Gg]randson|[Gg]randchild|[Nn]iece|[Nn]ephew|[Aa]unt|[Uu]ncle|[Cc]ousin|[Ff]ianc[eé]e?|[Bb]oyfriend|[Gg]irlfriend|[Rr]oommate|[Ee]x-husband|[Ee]x-wife|[Ss]tepson|[Ss]tepdaughter|[Cc]all|[Nn]otify|[Pp]age|[Tt]ext|[Aa]sk[ ]for)(?:[ ]+(?:is|was|named|called))?[ ]*[:,]?[ ]+";
    private const string NameAfterContextValue = @"(?:[A-Z]'|Ma?c)?[A-Z][a-z]+(?:-[A-Z][a-z]+)?(?:[ ]+[A-Z]\.)?(?:[ ]+(?:[A-Z]'|Ma?c)?[A-Z][a-z]+(?:-[A-Z][a-z]+)?){0,2}";

    /// <summary>Finds the context and the value together (fast: the search starts at the context words).</summary>
    [GeneratedRegex(NameAfterContextContext + NameAfterContextValue, Options)]
    internal static partial Regex NameAfterContext();

    /// <summary>Only the value, inside a slice found by <see cref="NameAfterContext"/>.</summary>
    [GeneratedRegex("(?<=" + NameAfterContextContext + ")" + NameAfterContextValue, Options)]
    internal static partial Regex NameAfterContextOnly();

    [GeneratedRegex(@"\b(?:[A-Z]'|Ma?c)?[A-Z][a-z]+(?:-[A-Z][a-z]+)?(?:[ ]+[A-Z]\.)?[ ]+(?:[A-Z]'|Ma?c)?[A-Z][a-z]+(?:-[A-Z][a-z]+)?(?=,?[ ]+(?:MD|M\.D\.|DO|RN|NP|PA-C|PA|PhD|LPN|CNA|PharmD|DDS|APRN|CNM|LCSW)\b)", Options)]
    internal static partial Regex NameBeforeCredential();

    [GeneratedRegex(@"\b(?:[A-Z]'|Ma?c)?[A-Z][a-z]+(?:-[A-Z][a-z]+)?,[ ]+(?:[A-Z]'|Ma?c)?[A-Z][a-z]+(?:-[A-Z][a-z]+)?(?=[ ]+\((?:DOB|MRN)|[ ]+DOB\b)", Options)]
    internal static partial Regex LastCommaFirst();

    private const string MedicalRecordNumberContext = @"\b(?:MRN|medical[ ]record(?:[ ]+(?:number|no\.?|#))?|chart[ ]+(?:number|no\.?|#))[ ]*(?:is|:|#)?[ ]*#?";
    private const string MedicalRecordNumberValue = @"[A-Z]{0,4}-?\d[A-Z0-9-]{3,19}\b";

    /// <summary>Finds the context and the value together (fast: the search starts at the context words).</summary>
    [GeneratedRegex(MedicalRecordNumberContext + MedicalRecordNumberValue, Options | RegexOptions.IgnoreCase)]
    internal static partial Regex MedicalRecordNumber();

    /// <summary>Only the value, inside a slice found by <see cref="MedicalRecordNumber"/>.</summary>
    [GeneratedRegex("(?<=" + MedicalRecordNumberContext + ")" + MedicalRecordNumberValue, Options | RegexOptions.IgnoreCase)]
    internal static partial Regex MedicalRecordNumberOnly();

    private const string HealthPlanNumberContext = @"\b(?:member[ ]*(?:id|number|no\.?|#)|policy[ ]*(?:id|number|no\.?|#)?|plan[ ]+(?:id|number|no\.?)|beneficiary[ ]*(?:id|number|no\.?)?|subscriber[ ]*(?:id|number|no\.?)|medicaid[ ]*(?:id|number|no\.?|#)?|medicare[ ]*(?:id|number|no\.?|#|mbi)?|MBI|insurance[ ]+(?:id|number|no\.?)|group[ ]+(?:number|no\.?|#))[ ]*(?:is|:|#)?[ ]*#?";
    private const string HealthPlanNumberValue = @"[A-Z0-9][A-Z0-9-]{4,19}\b";

    /// <summary>Finds the context and the value together (fast: the search starts at the context words).</summary>
    [GeneratedRegex(HealthPlanNumberContext + HealthPlanNumberValue, Options | RegexOptions.IgnoreCase)]
    internal static partial Regex HealthPlanNumber();

    /// <summary>Only the value, inside a slice found by <see cref="HealthPlanNumber"/>.</summary>
    [GeneratedRegex("(?<=" + HealthPlanNumberContext + ")" + HealthPlanNumberValue, Options | RegexOptions.IgnoreCase)]
    internal static partial Regex HealthPlanNumberOnly();

    private const string AccountNumberContext = @"\b(?:account|acct\.?|billing[ ]+(?:id|number)|invoice)[ ]*(?:number|no\.?|#)?[ ]*(?:is|:|#)?[ ]*#?";
    private const string AccountNumberValue = @"[A-Z0-9][A-Z0-9-]{4,19}\b";

    /// <summary>Finds the context and the value together (fast: the search starts at the context words).</summary>
    [GeneratedRegex(AccountNumberContext + AccountNumberValue, Options | RegexOptions.IgnoreCase)]
    internal static partial Regex AccountNumber();

    /// <summary>Only the value, inside a slice found by <see cref="AccountNumber"/>.</summary>
    [GeneratedRegex("(?<=" + AccountNumberContext + ")" + AccountNumberValue, Options | RegexOptions.IgnoreCase)]
    internal static partial Regex AccountNumberOnly();

    private const string LicenseNumberContext = @"\b(?:(?:driver'?s[ ]+)?licen[cs]e|DL|DEA|NPI|certificate|cert\.?|registration)[ ]*(?:number|no\.?|#)?[ ]*(?:is|:|#)?[ ]*#?";
    private const string LicenseNumberValue = @"[A-Z0-9][A-Z0-9-]{4,19}\b";

    /// <summary>Finds the context and the value together (fast: the search starts at the context words).</summary>
    [GeneratedRegex(LicenseNumberContext + LicenseNumberValue, Options | RegexOptions.IgnoreCase)]
    internal static partial Regex LicenseNumber();

    /// <summary>Only the value, inside a slice found by <see cref="LicenseNumber"/>.</summary>
    [GeneratedRegex("(?<=" + LicenseNumberContext + ")" + LicenseNumberValue, Options | RegexOptions.IgnoreCase)]
    internal static partial Regex LicenseNumberOnly();

    private const string OtherIdentifierContext = @"\b(?:passport|employee[ ]+(?:id|number)|badge[ ]+(?:id|number)|patient[ ]+id|record[ ]+id|case[ ]+(?:number|no\.?|id)|specimen[ ]+(?:id|number)|accession[ ]+(?:number|no\.?|#))[ ]*(?:number|no\.?|#)?[ ]*(?:is|:|#)?[ ]*#?";
    private const string OtherIdentifierValue = @"[A-Z0-9][A-Z0-9-]{4,19}\b";

    /// <summary>Finds the context and the value together (fast: the search starts at the context words).</summary>
    [GeneratedRegex(OtherIdentifierContext + OtherIdentifierValue, Options | RegexOptions.IgnoreCase)]
    internal static partial Regex OtherIdentifier();

    /// <summary>Only the value, inside a slice found by <see cref="OtherIdentifier"/>.</summary>
    [GeneratedRegex("(?<=" + OtherIdentifierContext + ")" + OtherIdentifierValue, Options | RegexOptions.IgnoreCase)]
    internal static partial Regex OtherIdentifierOnly();

    private const string LicensePlateContext = @"\b(?:licen[cs]e[ ]+plate|plate(?:[ ]+number)?|tag[ ]+number)[ ]*(?:is|:|#)?[ ]*";
    private const string LicensePlateValue = @"[A-Z0-9][A-Z0-9 -]{1,7}[A-Z0-9]\b";

    /// <summary>Finds the context and the value together (fast: the search starts at the context words).</summary>
    [GeneratedRegex(LicensePlateContext + LicensePlateValue, Options | RegexOptions.IgnoreCase)]
    internal static partial Regex LicensePlate();

    /// <summary>Only the value, inside a slice found by <see cref="LicensePlate"/>.</summary>
    [GeneratedRegex("(?<=" + LicensePlateContext + ")" + LicensePlateValue, Options | RegexOptions.IgnoreCase)]
    internal static partial Regex LicensePlateOnly();

    [GeneratedRegex(@"\b[A-HJ-NPR-Z0-9]{17}\b", Options)]
    internal static partial Regex Vin();

    [GeneratedRegex(@"\(01\)\d{14}(?:\(\d{2,4}\)[A-Za-z0-9-]{1,20})*", Options)]
    internal static partial Regex Udi();

    private const string DeviceIdContext = @"\b(?:serial(?:[ ]+(?:number|no\.?|#))?|S/N|SN|device[ ]+id|UDI|IMEI)[ ]*(?:is|:|#)?[ ]*#?";
    private const string DeviceIdValue = @"[A-Z0-9][A-Z0-9-]{3,40}\b";

    [GeneratedRegex(DeviceIdContext + DeviceIdValue, Options | RegexOptions.IgnoreCase)]
    internal static partial Regex DeviceId();

    [GeneratedRegex("(?<=" + DeviceIdContext + ")" + DeviceIdValue, Options | RegexOptions.IgnoreCase)]
    internal static partial Regex DeviceIdOnly();

    [GeneratedRegex(@"(?<![\w-])\d(?:[ -]?\d){12,18}(?![\w-])", Options)]
    internal static partial Regex CardNumber();

    private const string BiometricContext = @"\b(?:fingerprint|retina(?:l)?[ ]+scan|iris[ ]+scan|voice[ ]?print|face[ ]+template|biometric)(?:[ ]+(?:id|template|hash|number))*[ ]*(?:is|:|#)[ ]*";
    private const string BiometricValue = @"[A-Za-z0-9+/=-]{4,}";

    /// <summary>Finds the context and the value together (fast: the search starts at the context words).</summary>
    [GeneratedRegex(BiometricContext + BiometricValue, Options | RegexOptions.IgnoreCase)]
    internal static partial Regex Biometric();

    /// <summary>Only the value, inside a slice found by <see cref="Biometric"/>.</summary>
    [GeneratedRegex("(?<=" + BiometricContext + ")" + BiometricValue, Options | RegexOptions.IgnoreCase)]
    internal static partial Regex BiometricOnly();


}
