using System.Text.RegularExpressions;

namespace PhiGate.Redaction.Detection;

/// <summary>
/// Finds identifiers in free text: pattern candidates, validated by checksums, ranges and nearby
/// context words, plus values learned earlier in the same document. Results are sorted and
/// non-overlapping (the longer of two overlapping matches wins).
/// </summary>
/// <remarks>
/// Steps: 1. cheap character pre-checks decide which patterns can match at all; 2. each pattern
/// enumerates candidates without allocating; 3. validators accept or drop a candidate; 4. learned
/// values are added; 5. overlaps are resolved.
/// </remarks>
internal static partial class TextDetector
{
    public static void Detect(ReadOnlySpan<char> text, List<PhiMatch> matches, LearnedValues? learned = null, bool runPatterns = true)
    {
        var start = 0;
        if (runPatterns && text.Length >= 3)
        {
            DetectPatterns(text, matches);
        }

        if (learned is { Count: > 0 })
        {
            learned.FindIn(text, matches);
        }

        AddPostalCodesAfterPlaces(text, matches, start);
        Resolve(matches, start);
    }

    /// <summary>A five-digit number right after a detected city ("Worcester 01609", "Lowell, MA 01851") is its ZIP code.</summary>
    private static void AddPostalCodesAfterPlaces(ReadOnlySpan<char> text, List<PhiMatch> matches, int start)
    {
        var count = matches.Count;
        for (var i = start; i < count; i++)
        {
            var match = matches[i];
            if (match.Category != PhiCategory.Address)
            {
                continue;
            }

            var position = match.End;
            var rest = text[position..];
            var skipped = rest.Length - rest.TrimStart(", ").Length;
            rest = rest[skipped..];
            if (rest.Length >= 3 && char.IsAsciiLetterUpper(rest[0]) && char.IsAsciiLetterUpper(rest[1]) && rest[2] == ' ')
            {
                skipped += 3;
                rest = rest[3..];
            }

            var digits = 0;
            while (digits < rest.Length && char.IsAsciiDigit(rest[digits]))
            {
                digits++;
            }

            if (digits == 5 && (rest.Length == 5 || !char.IsLetterOrDigit(rest[5])))
            {
                matches.Add(new PhiMatch(position + skipped, 5, PhiCategory.PostalCode));
            }
        }
    }

    private static void DetectPatterns(ReadOnlySpan<char> text, List<PhiMatch> matches)
    {
        var hasDigit = Validators.HasDigit(text);
        if (text.Contains('@'))
        {
            AddAll(TextPatterns.Email(), text, PhiCategory.Email, matches);
        }

        if (text.Contains("://", StringComparison.Ordinal) || text.Contains("www.", StringComparison.OrdinalIgnoreCase))
        {
            AddUrls(text, matches);
        }

        if (text.Contains(':'))
        {
            AddValidated(TextPatterns.IPv6(), text, PhiCategory.IpAddress, matches, static m => Validators.IsValidIPv6(m));
        }

        if (hasDigit)
        {
            DetectNumeric(text, matches);
        }

        if (text.IndexOfAnyInRange('A', 'Z') >= 0)
        {
            DetectNames(text, matches);
            AddPlaces(text, matches);
        }
    }

    private static void DetectNumeric(ReadOnlySpan<char> text, List<PhiMatch> matches)
    {
        AddSsns(text, matches);
        AddPhones(text, matches);
        AddAll(TextPatterns.IsoDate(), text, PhiCategory.Date, matches);
        AddAll(TextPatterns.NumericDate(), text, PhiCategory.Date, matches);
        AddAll(TextPatterns.WordDate(), text, PhiCategory.Date, matches);
        AddContextual(TextPatterns.ShortDate(), TextPatterns.ShortDateOnly(), text, PhiCategory.Date, matches, static _ => true);
        AddValidated(TextPatterns.Age(), text, PhiCategory.Age, matches, IsOver89);
        AddContextual(TextPatterns.AgeAfterWord(), TextPatterns.AgeAfterWordOnly(), text, PhiCategory.Age, matches, IsOver89);
        AddAll(TextPatterns.StreetAddress(), text, PhiCategory.Address, matches);
        AddCityStateZip(text, matches);
        AddContextual(TextPatterns.ZipWithContext(), TextPatterns.ZipWithContextOnly(), text, PhiCategory.PostalCode, matches, static _ => true);
        AddValidated(TextPatterns.IPv4(), text, PhiCategory.IpAddress, matches, static m => Validators.IsValidIPv4(m));
        AddContextual(TextPatterns.MedicalRecordNumber(), TextPatterns.MedicalRecordNumberOnly(), text, PhiCategory.MedicalRecordNumber, matches, Validators.HasDigit);
        AddContextual(TextPatterns.HealthPlanNumber(), TextPatterns.HealthPlanNumberOnly(), text, PhiCategory.HealthPlanNumber, matches, Validators.HasDigit);
        AddContextual(TextPatterns.AccountNumber(), TextPatterns.AccountNumberOnly(), text, PhiCategory.AccountNumber, matches, Validators.HasDigit);
        AddContextual(TextPatterns.LicenseNumber(), TextPatterns.LicenseNumberOnly(), text, PhiCategory.LicenseNumber, matches, Validators.HasDigit);
        AddContextual(TextPatterns.OtherIdentifier(), TextPatterns.OtherIdentifierOnly(), text, PhiCategory.OtherId, matches, Validators.HasDigit);
        AddContextual(TextPatterns.LicensePlate(), TextPatterns.LicensePlateOnly(), text, PhiCategory.VehicleId, matches, Validators.HasDigit);
        AddVins(text, matches);
        AddAll(TextPatterns.Udi(), text, PhiCategory.DeviceId, matches);
        AddContextual(TextPatterns.DeviceId(), TextPatterns.DeviceIdOnly(), text, PhiCategory.DeviceId, matches, Validators.HasDigit);
        AddValidated(TextPatterns.CardNumber(), text, PhiCategory.AccountNumber, matches, static m => Validators.PassesLuhn(m));
        AddContextual(TextPatterns.Biometric(), TextPatterns.BiometricOnly(), text, PhiCategory.Biometric, matches, static _ => true);
    }

    private static void AddAll(Regex regex, ReadOnlySpan<char> text, PhiCategory category, List<PhiMatch> matches)
    {
        foreach (var m in regex.EnumerateMatches(text))
        {
            matches.Add(new PhiMatch(m.Index, m.Length, category));
        }
    }

    private static void AddValidated(Regex regex, ReadOnlySpan<char> text, PhiCategory category, List<PhiMatch> matches, CandidateFilter accept)
    {
        foreach (var m in regex.EnumerateMatches(text))
        {
            if (accept(text.Slice(m.Index, m.Length)))
            {
                matches.Add(new PhiMatch(m.Index, m.Length, category));
            }
        }
    }

    /// <summary>
    /// Context patterns: the forward pattern finds "context words + value" quickly; the value-only pattern
    /// (a lookbehind on the context) then runs on that short slice alone to locate the value.
    /// </summary>
    private static void AddContextual(Regex forward, Regex valueOnly, ReadOnlySpan<char> text, PhiCategory category, List<PhiMatch> matches, CandidateFilter accept)
    {
        foreach (var m in forward.EnumerateMatches(text))
        {
            var slice = text.Slice(m.Index, m.Length);
            foreach (var v in valueOnly.EnumerateMatches(slice))
            {
                if (accept(slice.Slice(v.Index, v.Length)))
                {
                    matches.Add(new PhiMatch(m.Index + v.Index, v.Length, category));
                }
            }
        }
    }

    private static bool IsOver89(ReadOnlySpan<char> digits) =>
        int.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var age) && age > 89;

    private static void AddUrls(ReadOnlySpan<char> text, List<PhiMatch> matches)
    {
        foreach (var m in TextPatterns.Url().EnumerateMatches(text))
        {
            // Sentence punctuation after a URL is not part of it.
            var length = m.Length;
            while (length > 0 && text[m.Index + length - 1] is '.' or ',' or ';' or ':' or '!' or '?')
            {
                length--;
            }

            matches.Add(new PhiMatch(m.Index, length, PhiCategory.Url));
        }
    }

    private static void AddSsns(ReadOnlySpan<char> text, List<PhiMatch> matches)
    {
        Span<char> digits = stackalloc char[9];
        foreach (var m in TextPatterns.Ssn().EnumerateMatches(text))
        {
            var candidate = text.Slice(m.Index, m.Length);
            var n = 0;
            foreach (var c in candidate)
            {
                if (char.IsAsciiDigit(c))
                {
                    digits[n++] = c;
                }
            }

            var area = ((digits[0] - '0') * 100) + ((digits[1] - '0') * 10) + (digits[2] - '0');
            var group = ((digits[3] - '0') * 10) + (digits[4] - '0');
            var serial = int.Parse(digits[5..9], provider: System.Globalization.CultureInfo.InvariantCulture);
            var separated = candidate.Length == 11;
            var context = HasContextBefore(text, m.Index, 32, "ssn", "social security", "ss#", "soc sec");

            // A valid dashed number is an SSN on its own; bare digits or invalid ranges need the context words.
            if (context || (separated && candidate[3] == '-' && Validators.IsValidSsn(area, group, serial)))
            {
                matches.Add(new PhiMatch(m.Index, m.Length, PhiCategory.Ssn));
            }
        }
    }

    private static void AddPhones(ReadOnlySpan<char> text, List<PhiMatch> matches)
    {
        foreach (var m in TextPatterns.Phone().EnumerateMatches(text))
        {
            var candidate = text.Slice(m.Index, m.Length);
            var firstDigit = candidate.TrimStart("+1-. (")[0];
            if (firstDigit is '0' or '1')
            {
                continue;
            }

            var category = HasContextBefore(text, m.Index, 24, "fax", "facsimile") ? PhiCategory.Fax : PhiCategory.Phone;
            matches.Add(new PhiMatch(m.Index, m.Length, category));
        }
    }

    private static void AddVins(ReadOnlySpan<char> text, List<PhiMatch> matches)
    {
        foreach (var m in TextPatterns.Vin().EnumerateMatches(text))
        {
            var candidate = text.Slice(m.Index, m.Length);
            if (Validators.IsValidVin(candidate) || (Validators.HasDigit(candidate) && HasContextBefore(text, m.Index, 16, "vin", "vehicle")))
            {
                matches.Add(new PhiMatch(m.Index, m.Length, PhiCategory.VehicleId));
            }
        }
    }

    private static void AddCityStateZip(ReadOnlySpan<char> text, List<PhiMatch> matches)
    {
        foreach (var m in TextPatterns.CityStateZip().EnumerateMatches(text))
        {
            var candidate = text.Slice(m.Index, m.Length);
            var comma = candidate.IndexOf(',');
            var city = candidate[..comma];
            if (!NameRules.IsStopWord(city))
            {
                matches.Add(new PhiMatch(m.Index, comma, PhiCategory.Address));
            }

            var zipStart = candidate.Length;
            while (zipStart > 0 && (char.IsAsciiDigit(candidate[zipStart - 1]) || candidate[zipStart - 1] == '-'))
            {
                zipStart--;
            }

            if (candidate.Length - zipStart >= 5)
            {
                matches.Add(new PhiMatch(m.Index + zipStart, candidate.Length - zipStart, PhiCategory.PostalCode));
            }
        }
    }

    private static void AddPlaces(ReadOnlySpan<char> text, List<PhiMatch> matches)
    {
        AddContextual(TextPatterns.PlaceWithContext(), TextPatterns.PlaceWithContextOnly(), text, PhiCategory.Address, matches, static m => !NameRules.IsStopWord(NameRules.FirstWord(m)));
    }

    private static bool HasContextBefore(ReadOnlySpan<char> text, int index, int window, params ReadOnlySpan<string> words)
    {
        var before = text[Math.Max(0, index - window)..index];
        foreach (var word in words)
        {
            if (before.Contains(word, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static void Resolve(List<PhiMatch> matches, int start)
    {
        var count = matches.Count - start;
        if (count < 2)
        {
            return;
        }

        var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(matches)[start..];
        span.Sort(static (a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : b.Length.CompareTo(a.Length));
        var kept = 0;
        for (var i = 0; i < span.Length; i++)
        {
            var current = span[i];
            if (kept > 0 && current.Start < span[kept - 1].End)
            {
                // Overlap: extend to cover both so that no part of either leaks; keep the first's category.
                var previous = span[kept - 1];
                if (current.End > previous.End)
                {
                    span[kept - 1] = previous with { Length = current.End - previous.Start };
                }

                continue;
            }

            span[kept++] = current;
        }

        matches.RemoveRange(start + kept, count - kept);
    }

    private delegate bool CandidateFilter(ReadOnlySpan<char> candidate);
}
