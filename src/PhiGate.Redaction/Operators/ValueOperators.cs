using System.Security.Cryptography;
using System.Text;
using PhiGate.Redaction.Profiles;

namespace PhiGate.Redaction.Operators;

/// <summary>
/// Applies one operator to one detected value. Output goes into a caller-provided buffer of at least
/// <see cref="MaxOutput"/>(value length) chars; nothing is allocated.
/// </summary>
internal static class ValueOperators
{
    public const string NinetyOrOlder = "90+";

    public static int MaxOutput(int valueLength) => Math.Max(valueLength, 24) + 96;

    public static int Apply(
        ReadOnlySpan<char> value,
        PhiCategory category,
        CategoryRule rule,
        in OperatorContext context,
        Span<char> destination)
    {
        switch (rule.Operator)
        {
            case OperatorKind.Keep:
                value.CopyTo(destination);
                return value.Length;
            case OperatorKind.Mask:
                return Mask(value, rule.KeepLast, destination);
            case OperatorKind.Hash:
                return Hash(value, category, context, destination);
            case OperatorKind.Generalize:
                return Generalize(value, category, context, destination);
            default:
                return WriteMarker(category, destination);
        }
    }

    public static int WriteMarker(PhiCategory category, Span<char> destination)
    {
        var marker = category.Marker();
        marker.CopyTo(destination);
        return marker.Length;
    }

    private static int Mask(ReadOnlySpan<char> value, int keepLast, Span<char> destination)
    {
        var visible = keepLast;
        for (var i = value.Length - 1; i >= 0; i--)
        {
            var c = value[i];
            if (char.IsLetterOrDigit(c))
            {
                destination[i] = visible > 0 ? c : '*';
                visible--;
            }
            else
            {
                destination[i] = c;
            }
        }

        return value.Length;
    }

    private static int Hash(ReadOnlySpan<char> value, PhiCategory category, in OperatorContext context, Span<char> destination)
    {
        var key = context.Keys.Find(context.Profile.HashKeyId);
        if (key is null)
        {
            // No key configured: fail closed rather than leak or emit an unkeyed digest.
            return WriteMarker(category, destination);
        }

        // Normalize so that formatting differences (case, spaces, dashes) still join.
        Span<byte> input = stackalloc byte[1 + 256];
        input[0] = (byte)category;
        var length = 1;
        foreach (var rune in value.EnumerateRunes())
        {
            if (!Rune.IsLetterOrDigit(rune) && rune.Value != '@' && rune.Value != '.')
            {
                continue;
            }

            var upper = Rune.ToUpperInvariant(rune);
            if (length + upper.Utf8SequenceLength > input.Length)
            {
                break;
            }

            length += upper.EncodeToUtf8(input[length..]);
        }

        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(key, input[..length], mac);
        var prefix = "hmac:";
        prefix.CopyTo(destination);
        var written = prefix.Length;
        var keyId = context.Profile.HashKeyId!;
        keyId.CopyTo(destination[written..]);
        written += keyId.Length;
        destination[written++] = ':';
        Convert.TryToHexStringLower(mac[..12], destination[written..], out var hexLength);
        return written + hexLength;
    }

    private static int Generalize(ReadOnlySpan<char> value, PhiCategory category, in OperatorContext context, Span<char> destination)
    {
        switch (category)
        {
            case PhiCategory.Date:
                var year = FindYear(value);
                if (year < 0)
                {
                    return WriteMarker(category, destination);
                }

                if (context.IsBirthDate && context.CurrentYear - year > 89)
                {
                    NinetyOrOlder.CopyTo(destination);
                    return NinetyOrOlder.Length;
                }

                return year.TryFormat(destination, out var yearLength, "D4", System.Globalization.CultureInfo.InvariantCulture) ? yearLength : 0;
            case PhiCategory.PostalCode:
                var digits = 0;
                var prefix = 0;
                foreach (var c in value)
                {
                    if (char.IsAsciiDigit(c))
                    {
                        if (digits < 3)
                        {
                            prefix = (prefix * 10) + (c - '0');
                        }

                        digits++;
                    }
                    else if (c is not ('-' or ' '))
                    {
                        return WriteMarker(category, destination);
                    }
                }

                if (digits is not (5 or 9))
                {
                    return WriteMarker(category, destination);
                }

                var kept = ZipCodes.IsRestrictedPrefix(prefix) ? "000" : null;
                if (kept is not null)
                {
                    kept.CopyTo(destination);
                    return 3;
                }

                prefix.TryFormat(destination, out _, "D3", System.Globalization.CultureInfo.InvariantCulture);
                return 3;
            case PhiCategory.Age:
                var age = FirstNumber(value);
                if (age > 89)
                {
                    NinetyOrOlder.CopyTo(destination);
                    return NinetyOrOlder.Length;
                }

                if (age < 0)
                {
                    return WriteMarker(category, destination);
                }

                value.CopyTo(destination);
                return value.Length;
            default:
                return WriteMarker(category, destination);
        }
    }

    /// <summary>The year of a date in any of the formats the detectors accept, or -1.</summary>
    internal static int FindYear(ReadOnlySpan<char> value)
    {
        // ISO dates start with the year; other formats end with it (or with a two-digit year).
        if (value.Length >= 4 && IsDigits(value[..4]))
        {
            return Parse(value[..4]);
        }

        var end = value.Length;
        while (end > 0 && !char.IsAsciiDigit(value[end - 1]))
        {
            end--;
        }

        var start = end;
        while (start > 0 && char.IsAsciiDigit(value[start - 1]))
        {
            start--;
        }

        return (end - start) switch
        {
            4 => Parse(value[start..end]),
            2 when start > 0 && value[start - 1] is '/' or '-' or '.' or '\'' => TwoDigitYear(Parse(value[start..end])),
            _ => -1,
        };
    }

    private static int TwoDigitYear(int yy) => yy <= 30 ? 2000 + yy : 1900 + yy;

    private static int FirstNumber(ReadOnlySpan<char> value)
    {
        var i = 0;
        while (i < value.Length && !char.IsAsciiDigit(value[i]))
        {
            i++;
        }

        var n = -1;
        while (i < value.Length && char.IsAsciiDigit(value[i]) && n < 1000)
        {
            n = (Math.Max(n, 0) * 10) + (value[i] - '0');
            i++;
        }

        return n;
    }

    private static bool IsDigits(ReadOnlySpan<char> span)
    {
        foreach (var c in span)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private static int Parse(ReadOnlySpan<char> digits)
    {
        var n = 0;
        foreach (var c in digits)
        {
            n = (n * 10) + (c - '0');
        }

        return n;
    }
}

/// <summary>What an operator needs besides the value.</summary>
internal readonly struct OperatorContext(RedactionProfile profile, PseudonymKeyRing keys, int currentYear, bool isBirthDate = false)
{
    public RedactionProfile Profile { get; } = profile;

    public PseudonymKeyRing Keys { get; } = keys;

    public int CurrentYear { get; } = currentYear;

    public bool IsBirthDate { get; } = isBirthDate;

    public OperatorContext AsBirthDate(bool isBirthDate) => new(Profile, Keys, CurrentYear, isBirthDate);
}
