using System.Globalization;
using System.Numerics;
using PhiGate.Rego.Values;

namespace PhiGate.Rego.Builtins;

/// <summary><c>semver.is_valid</c> and <c>semver.compare</c> (Semantic Versioning 2.0.0; build metadata ignored when comparing).</summary>
internal static class SemverBuiltins
{
    public static void Register(BuiltinRegistry r)
    {
        r.Add("semver.is_valid", ["any"], "boolean", static (ctx, a) => Value.From(a[0] is StringValue s && TryParse(s.Value, out _)));
        r.Add("semver.compare", ["string", "string"], "number", static (_, a) =>
        {
            var x = Parse(a, 0);
            var y = Parse(a, 1);
            return Value.From(Compare(x, y));
        });
    }

    internal readonly record struct Version(BigInteger Major, BigInteger Minor, BigInteger Patch, string[] Pre);

    private static Version Parse(ReadOnlySpan<Value> a, int i)
    {
        var text = Args.String(a, i);
        return TryParse(text, out var v)
            ? v
            : throw BuiltinErrors.Fail($"operand {i + 1}: string \"{text}\" is not a valid SemVer");
    }

    internal static bool TryParse(string text, out Version version)
    {
        version = default;
        var plus = text.IndexOf('+', StringComparison.Ordinal);
        if (plus >= 0)
        {
            var build = text[(plus + 1)..];
            if (!ValidIdentifiers(build, numericRule: false))
            {
                return false;
            }

            text = text[..plus];
        }

        string[] pre = [];
        var dash = text.IndexOf('-', StringComparison.Ordinal);
        if (dash >= 0)
        {
            var preText = text[(dash + 1)..];
            if (!ValidIdentifiers(preText, numericRule: true))
            {
                return false;
            }

            pre = preText.Split('.');
            text = text[..dash];
        }

        var parts = text.Split('.');
        if (parts.Length != 3 || !Numeric(parts[0], out var major) || !Numeric(parts[1], out var minor) || !Numeric(parts[2], out var patch))
        {
            return false;
        }

        version = new Version(major, minor, patch, pre);
        return true;
    }

    private static bool Numeric(string s, out BigInteger value)
    {
        value = default;
        return s.Length > 0 && s.All(char.IsAsciiDigit) && (s.Length == 1 || s[0] != '0')
            && BigInteger.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    private static bool ValidIdentifiers(string s, bool numericRule)
    {
        if (s.Length == 0)
        {
            return false;
        }

        foreach (var id in s.Split('.'))
        {
            if (id.Length == 0 || !id.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            {
                return false;
            }

            if (numericRule && id.Length > 1 && id[0] == '0' && id.All(char.IsAsciiDigit))
            {
                return false;
            }
        }

        return true;
    }

    internal static int Compare(Version x, Version y)
    {
        var c = x.Major.CompareTo(y.Major);
        if (c == 0)
        {
            c = x.Minor.CompareTo(y.Minor);
        }

        if (c == 0)
        {
            c = x.Patch.CompareTo(y.Patch);
        }

        if (c != 0)
        {
            return Math.Sign(c);
        }

        if (x.Pre.Length == 0 || y.Pre.Length == 0)
        {
            // A version without a pre-release ranks above one with it.
            return x.Pre.Length == y.Pre.Length ? 0 : (x.Pre.Length == 0 ? 1 : -1);
        }

        for (var i = 0; i < Math.Min(x.Pre.Length, y.Pre.Length); i++)
        {
            var a = x.Pre[i];
            var b = y.Pre[i];
            var an = a.All(char.IsAsciiDigit);
            var bn = b.All(char.IsAsciiDigit);
            int r;
            if (an && bn)
            {
                r = BigInteger.Parse(a, CultureInfo.InvariantCulture).CompareTo(BigInteger.Parse(b, CultureInfo.InvariantCulture));
            }
            else if (an != bn)
            {
                r = an ? -1 : 1;
            }
            else
            {
                r = string.CompareOrdinal(a, b);
            }

            if (r != 0)
            {
                return Math.Sign(r);
            }
        }

        return Math.Sign(x.Pre.Length.CompareTo(y.Pre.Length));
    }
}
