using System.Collections.Frozen;

namespace PhiGate.Redaction.Detection;

/// <summary>
/// Capitalized words that follow name context words ("Patient", "Dr.") in clinical text without being
/// names: sentence starters, clinical verbs, departments, days and months.
/// </summary>
internal static class NameRules
{
    private static readonly FrozenSet<string> StopWords = FrozenSet.Create(
        StringComparer.OrdinalIgnoreCase,
        "The", "This", "That", "These", "Those", "He", "She", "They", "His", "Her", "Their", "It", "Is", "Was", "Has",
        "Had", "Have", "Will", "Would", "Should", "Can", "May", "Denies", "Denied", "Reports", "Reported", "Presents",
        "Presented", "States", "Stated", "Notes", "Noted", "Complains", "Admits", "With", "And", "Or", "But", "Who",
        "In", "At", "On", "For", "To", "Of", "From", "By", "As", "If", "Today", "Tonight", "Yesterday", "Tomorrow",
        "Information", "Education", "Care", "Room", "History", "Name", "Unknown", "Not", "No", "None", "Yes",
        "Hospital", "Clinic", "Department", "Emergency", "ER", "ED", "ICU", "Medical", "Center", "Services",
        "Service", "Unit", "Floor", "Ward", "Team", "Mr", "Mrs", "Ms", "Dr", "Monday", "Tuesday", "Wednesday",
        "Thursday", "Friday", "Saturday", "Sunday", "January", "February", "March", "April", "June", "July",
        "August", "September", "October", "November", "December", "Patient", "Pt", "Family", "Consent", "Plan",
        "Assessment", "Allergies", "Medications", "Diagnosis", "Follow", "Discharge", "Admission", "Note", "Nurse",
        "Physician", "Doctor", "Provider", "Staff", "Pharmacy", "Lab", "Labs", "Radiology", "Cardiology",
        "Oncology", "Surgery", "Also", "Again", "Currently", "Alert", "Oriented", "Stable", "Well", "Ambulating",
        "Afebrile", "Tolerating", "Refused", "Agrees", "Agreed", "Understands", "Verbalized", "Remains", "Given",
        "Received", "Started", "Continue", "Continued", "Placed", "Seen", "Called", "Here", "There", "Home",
        "Phone", "Fax", "Email", "Address", "Number", "Date", "Time", "Age", "Sex", "Male", "Female", "Social",
        "Insurance", "Medicare", "Medicaid", "Policy", "Account", "Record", "Chart", "MRN", "DOB", "SSN",
        "Type", "Blood", "Pressure", "Heart", "Rate", "Pain", "Level", "Status", "Check", "Visit", "Clinical",
        "Primary", "Contact", "Relationship", "Other", "Same", "Visiting", "Preferred", "Language", "English",
        "Spanish", "Interpreter", "Needs", "Requests", "Requested", "Declined", "Expired", "Transferred", "Arrived");

    public static bool IsStopWord(ReadOnlySpan<char> word) =>
        StopWords.GetAlternateLookup<ReadOnlySpan<char>>().Contains(word);

    public static ReadOnlySpan<char> FirstWord(ReadOnlySpan<char> text)
    {
        var end = text.IndexOf(' ');
        return end < 0 ? text : text[..end];
    }

    /// <summary>
    /// The length of the name at the start of <paramref name="candidate"/> once a trailing stop word
    /// (and everything after it) is cut; 0 when the first word is a stop word.
    /// </summary>
    public static int TrimStopWords(ReadOnlySpan<char> candidate)
    {
        var position = 0;
        var kept = 0;
        while (position < candidate.Length)
        {
            var rest = candidate[position..];
            var space = rest.IndexOf(' ');
            var word = space < 0 ? rest : rest[..space];
            var bare = word.TrimEnd(".,'");
            if (bare.Length == 0 || IsStopWord(bare))
            {
                break;
            }

            kept = position + word.Length;
            position += word.Length;
            while (position < candidate.Length && candidate[position] == ' ')
            {
                position++;
            }
        }

        return kept > 0 ? candidate[..kept].TrimEnd(",").Length : 0;
    }
}
