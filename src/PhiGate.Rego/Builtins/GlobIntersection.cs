namespace PhiGate.Rego.Builtins;

/// <summary>
/// <c>regex.globs_match</c>: whether two anchored "regexp-style globs" (literals, <c>.</c>, classes
/// <c>[a-z]</c>, each optionally followed by <c>*</c>, <c>+</c> or <c>?</c>; <c>\</c> escapes) match at least
/// one common string. Decided on the product of the two token automata, so it is exact and polynomial.
/// </summary>
internal static class GlobIntersection
{
    private enum Repeat
    {
        Once,
        Star,
        Optional,
    }

    private readonly record struct Token((int Lo, int Hi)[] Ranges, Repeat Repeat);

    public static bool NonEmpty(string left, string right)
    {
        var a = Tokenize(left);
        var b = Tokenize(right);
        var seen = new HashSet<(int, int)>();
        var work = new Stack<(int, int)>();
        work.Push((0, 0));
        while (work.Count > 0)
        {
            var (i, j) = work.Pop();
            if (!seen.Add((i, j)))
            {
                continue;
            }

            if (i == a.Count && j == b.Count)
            {
                return true;
            }

            // Skipping an optional token consumes nothing.
            if (i < a.Count && a[i].Repeat != Repeat.Once)
            {
                work.Push((i + 1, j));
            }

            if (j < b.Count && b[j].Repeat != Repeat.Once)
            {
                work.Push((i, j + 1));
            }

            if (i < a.Count && j < b.Count && Overlap(a[i].Ranges, b[j].Ranges))
            {
                var ni = a[i].Repeat == Repeat.Star ? i : i + 1;
                var nj = b[j].Repeat == Repeat.Star ? j : j + 1;
                work.Push((ni, nj));
                if (a[i].Repeat == Repeat.Star && b[j].Repeat == Repeat.Star)
                {
                    work.Push((i + 1, j + 1));
                }
            }
        }

        return false;
    }

    private static bool Overlap((int Lo, int Hi)[] x, (int Lo, int Hi)[] y)
    {
        int p = 0, q = 0;
        while (p < x.Length && q < y.Length)
        {
            if (x[p].Hi < y[q].Lo)
            {
                p++;
            }
            else if (y[q].Hi < x[p].Lo)
            {
                q++;
            }
            else
            {
                return true;
            }
        }

        return false;
    }

    private static List<Token> Tokenize(string glob)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < glob.Length)
        {
            var c = glob[i];
            (int, int)[] ranges;
            switch (c)
            {
                case '*' or '+' or '?':
                    throw BuiltinErrors.Fail($"glob {glob}: repetition {c} at {i} has no preceding symbol");
                case '.':
                    ranges = [(0, 0x10FFFF)];
                    i++;
                    break;
                case '[':
                    ranges = Class(glob, ref i);
                    break;
                case '\\':
                    if (i + 1 >= glob.Length)
                    {
                        throw BuiltinErrors.Fail($"glob {glob}: trailing escape");
                    }

                    ranges = [(glob[i + 1], glob[i + 1])];
                    i += 2;
                    break;
                default:
                    ranges = [(c, c)];
                    i++;
                    break;
            }

            if (i < glob.Length && glob[i] is '*' or '+' or '?')
            {
                var flag = glob[i];
                i++;
                if (flag == '+')
                {
                    tokens.Add(new Token(ranges, Repeat.Once));
                }

                tokens.Add(new Token(ranges, flag == '?' ? Repeat.Optional : Repeat.Star));
            }
            else
            {
                tokens.Add(new Token(ranges, Repeat.Once));
            }
        }

        return tokens;
    }

    private static (int, int)[] Class(string glob, ref int i)
    {
        var start = i;
        i++;
        var negate = i < glob.Length && glob[i] == '^';
        if (negate)
        {
            i++;
        }

        var ranges = new List<(int Lo, int Hi)>();
        while (i < glob.Length && glob[i] != ']')
        {
            var lo = ReadClassChar(glob, ref i);
            var hi = lo;
            if (i + 1 < glob.Length && glob[i] == '-' && glob[i + 1] != ']')
            {
                i++;
                hi = ReadClassChar(glob, ref i);
            }

            if (hi < lo)
            {
                throw BuiltinErrors.Fail($"glob {glob}: invalid range at {start}");
            }

            ranges.Add((lo, hi));
        }

        if (i >= glob.Length)
        {
            throw BuiltinErrors.Fail($"glob {glob}: unclosed character class at {start}");
        }

        i++;
        ranges.Sort();
        var merged = new List<(int Lo, int Hi)>();
        foreach (var r in ranges)
        {
            if (merged.Count > 0 && r.Lo <= merged[^1].Hi + 1)
            {
                merged[^1] = (merged[^1].Lo, Math.Max(merged[^1].Hi, r.Hi));
            }
            else
            {
                merged.Add(r);
            }
        }

        if (!negate)
        {
            return [.. merged];
        }

        var complement = new List<(int, int)>();
        var next = 0;
        foreach (var (lo, hi) in merged)
        {
            if (lo > next)
            {
                complement.Add((next, lo - 1));
            }

            next = hi + 1;
        }

        if (next <= 0x10FFFF)
        {
            complement.Add((next, 0x10FFFF));
        }

        return [.. complement];
    }

    private static int ReadClassChar(string glob, ref int i)
    {
        if (glob[i] == '\\' && i + 1 < glob.Length)
        {
            i += 2;
            return glob[i - 1];
        }

        return glob[i++];
    }
}
